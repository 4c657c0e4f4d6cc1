package org.nefos.compute.domain;

import java.util.List;

/**
 * What a server's view shows of its volumes: their ids (ascending, root first) and the disk job the server
 * waits for, if one of them has one running.
 */
public record ServerVolumes(List<Long> ids, String pendingJob) {

    public static final ServerVolumes NONE = new ServerVolumes(List.of(), null);

    /**
     * {@code SNF:task_state}: the server's own task first (a delete overtakes a disk job), else the disk job
     * running on it (cyclades-api.md 3.1).
     */
    public String taskState(Server s) {
        if (s.task() != null || pendingJob == null) {
            return s.taskState();
        }
        return VolumeStateMachine.serverTaskState(pendingJob);
    }
}
