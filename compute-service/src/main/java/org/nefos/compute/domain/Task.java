package org.nefos.compute.domain;

/** A backend job a server waits for; at most one at a time (delete may overtake). */
public enum Task {
    BUILD("BUILDING", "create"),
    START("STARTING", "start"),
    SHUTDOWN("STOPPING", "shutdown"),
    REBOOT("REBOOTING", "reboot"),
    RESIZE("RESIZING", "resize"),
    DESTROY("DESTROYING", "delete");

    private final String taskState;
    private final String action;

    Task(String taskState, String action) {
        this.taskState = taskState;
        this.action = action;
    }

    /** The {@code SNF:task_state} shown while the job is pending. */
    public String taskState() {
        return taskState;
    }

    /** The API action name (in messages and events). */
    public String action() {
        return action;
    }
}
