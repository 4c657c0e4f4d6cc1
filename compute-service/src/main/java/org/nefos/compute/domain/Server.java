package org.nefos.compute.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A virtual machine. The API {@code status} is derived from operstate, task and the deleted flag. */
public record Server(long id, String name, String userId, String project, boolean sharedToProject, long flavorId,
        String imageId, OperState operState, Task task, Long jobId, Instant taskStarted, Long targetFlavorId,
        int progress, boolean suspended, boolean deleted, boolean rescue, boolean quotaHeld, Long commissionSerial,
        Boolean commissionOutcome, List<String> keyNames, String adminPass, String message, Instant created,
        Instant updated, long sequence, Map<String, String> metadata, List<String> activeTags) {

    /** Cyclades' operstate → API status mapping (cyclades-api.md 6.2). */
    public String status() {
        if (deleted) {
            return "DELETED";
        }
        if (operState == OperState.STARTED && task == Task.REBOOT) {
            return "REBOOT";
        }
        return switch (operState) {
            case BUILD -> "BUILD";
            case STARTED -> "ACTIVE";
            case STOPPED -> "STOPPED";
            case ERROR -> "ERROR";
            case DESTROYED -> "DELETED";
        };
    }

    public String taskState() {
        return task == null ? "" : task.taskState();
    }

    /** 100 once the server runs, otherwise the last build percentage. */
    public int shownProgress() {
        return operState == OperState.STARTED || operState == OperState.STOPPED ? 100 : progress;
    }

    public boolean running() {
        return operState != OperState.STOPPED;
    }

    public Server withMetadataAndTags(Map<String, String> metadata, List<String> tags) {
        return new Server(id, name, userId, project, sharedToProject, flavorId, imageId, operState, task, jobId,
                taskStarted, targetFlavorId, progress, suspended, deleted, rescue, quotaHeld, commissionSerial,
                commissionOutcome, keyNames, adminPass, message, created, updated, sequence, metadata, tags);
    }
}
