package org.nefos.compute.domain;

/** A volume type; its name is its disk template (cyclades-api.md 3.10 recommends keeping them equal). */
public record VolumeType(int id, String diskTemplate, boolean deleted) {

    public String name() {
        return diskTemplate;
    }

    public boolean detachable() {
        return VolumeStateMachine.detachable(diskTemplate);
    }
}
