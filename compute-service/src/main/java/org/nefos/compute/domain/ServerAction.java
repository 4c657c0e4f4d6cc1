package org.nefos.compute.domain;

/** What a client may ask of a server, for the admissibility matrix (cyclades-api.md 6.3). */
public enum ServerAction {
    START("start"), SHUTDOWN("shutdown"), REBOOT("reboot"), RESIZE("resize"), FIREWALL("firewallProfile"),
    REASSIGN("reassign"), CONSOLE("console"), DELETE("delete"), MODIFY("modify"), CONNECT("connect");

    private final String wireName;

    ServerAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
