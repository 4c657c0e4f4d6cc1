package org.nefos.compute.domain;

import java.util.List;

import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/**
 * The only place that knows which volume operation is admissible in which state and what a finished backend
 * job does to a volume (cyclades-api.md 2.9, 5.2–5.4, 6.6).
 */
public final class VolumeStateMachine {

    /** Jobs a volume waits for. */
    public static final String ATTACH = "ATTACH";
    public static final String DETACH = "DETACH";
    public static final String DELETE = "DELETE";
    public static final String SNAPSHOT = "SNAPSHOT";

    /** Upstream's {@code CYCLADES_DETACHABLE_DISK_TEMPLATES}. */
    public static final List<String> DETACHABLE = List.of("ext_archipelago", "ext_vlmc");

    /** Upstream's {@code GANETI_MAX_DISKS_PER_INSTANCE}. */
    public static final int MAX_DISKS = 8;

    private VolumeStateMachine() {
    }

    public static boolean detachable(String diskTemplate) {
        return DETACHABLE.contains(diskTemplate);
    }

    /** {@code ext_*} templates form one family (shared storage); every other template is its own. */
    public static String family(String diskTemplate) {
        return diskTemplate.startsWith("ext_") ? "ext" : diskTemplate;
    }

    public static boolean sameFamily(String a, String b) {
        return family(a).equals(family(b));
    }

    /** A server a disk may be attached to now (the rules of a CONNECT). */
    public static void admitServer(Server s) {
        if (s.deleted()) {
            throw FaultException.badRequest("Server has been deleted.");
        }
        if (s.suspended()) {
            throw FaultException.forbidden("Administratively Suspended VM");
        }
        if (s.operState() == OperState.BUILD || s.task() == Task.BUILD) {
            throw new FaultException(Fault.BUILD_IN_PROGRESS, "Server is being build.");
        }
        if (s.task() != null) {
            throw FaultException.badRequest("Cannot perform 'attach_volume' action while there is a pending '"
                    + s.task().action() + "'.");
        }
        if (s.operState() != OperState.STARTED && s.operState() != OperState.STOPPED) {
            throw FaultException.badRequest("Cannot perform 'attach_volume' action while server is in '"
                    + s.status() + "' state.");
        }
    }

    /** Attach of {@code v} to {@code s}, which already holds {@code disks} volumes. */
    public static void admitAttach(Volume v, Server s, String serverTemplate, int disks) {
        if (v.deleted()) {
            throw FaultException.badRequest("Volume " + v.id() + " not found.");
        }
        if (!Volume.AVAILABLE.equals(v.status()) && !Volume.CREATING.equals(v.status())) {
            throw FaultException.badRequest("Cannot attach volume while volume is in '" + v.status() + "' status.");
        }
        if (v.serverId() != null) {
            throw FaultException.badRequest("Volume " + v.id() + " is already attached to server " + v.serverId()
                    + ".");
        }
        if (!detachable(v.diskTemplate())) {
            throw FaultException.badRequest("Volume type '" + v.diskTemplate() + "' is not detachable.");
        }
        if (!sameFamily(v.diskTemplate(), serverTemplate)) {
            throw FaultException.badRequest("Volume and server must have the same disk template (volume: '"
                    + v.diskTemplate() + "', server: '" + serverTemplate + "').");
        }
        if (disks >= MAX_DISKS) {
            throw FaultException.badRequest("Maximum volumes per server limit reached (" + MAX_DISKS + ").");
        }
        admitServer(s);
    }

    public static void admitDetach(Volume v, long serverId) {
        if (v.deleted() || v.serverId() == null || v.serverId() != serverId) {
            throw FaultException.badRequest("Volume " + v.id() + " is not attached to server " + serverId + ".");
        }
        if (!detachable(v.diskTemplate())) {
            throw FaultException.badRequest("Volume type '" + v.diskTemplate() + "' is not detachable.");
        }
        if (v.root()) {
            throw FaultException.badRequest("Cannot detach the root volume of server " + serverId + ".");
        }
        if (!Volume.IN_USE.equals(v.status()) && !Volume.ERROR.equals(v.status())) {
            throw FaultException.badRequest("Cannot detach volume while volume is in '" + v.status() + "' status.");
        }
    }

    public static void admitDelete(Volume v) {
        if (v.deleted()) {
            throw FaultException.badRequest("Volume has been deleted.");
        }
        if (v.root()) {
            throw FaultException.badRequest("Cannot delete the root volume of server " + v.serverId() + ".");
        }
        boolean attached = v.serverId() != null;
        if (attached && !Volume.IN_USE.equals(v.status()) && !Volume.ERROR.equals(v.status())) {
            throw FaultException.badRequest("Cannot delete volume while volume is in '" + v.status() + "' status.");
        }
        if (!attached && !Volume.AVAILABLE.equals(v.status()) && !Volume.ERROR.equals(v.status())) {
            throw FaultException.badRequest("Cannot delete volume while volume is in '" + v.status() + "' status.");
        }
    }

    /** A volume that can be deleted at once: detached and never created on the backend. */
    public static boolean deletesAtOnce(Volume v) {
        return v.serverId() == null && !v.initialized();
    }

    public static void admitModify(Volume v) {
        if (v.deleted()) {
            throw FaultException.badRequest("Volume has been deleted.");
        }
    }

    public static void admitSnapshot(Volume v) {
        if (v.deleted()) {
            throw FaultException.badRequest("Volume " + v.id() + " not found.");
        }
        if (v.serverId() == null) {
            throw FaultException.badRequest("Cannot snapshot a volume that is not attached to a server.");
        }
        if (!Volume.AVAILABLE.equals(v.status()) && !Volume.IN_USE.equals(v.status())) {
            throw FaultException.badRequest("Cannot snapshot volume while volume is in '" + v.status()
                    + "' status.");
        }
        if (!v.diskTemplate().startsWith("ext_")) {
            throw FaultException.badRequest("Cannot take a snapshot of a volume with disk template '"
                    + v.diskTemplate() + "'.");
        }
    }

    /**
     * The {@code SNF:task_state} of the server a disk job runs on. Upstream runs these jobs as server tasks;
     * a snapshot is not one of them, and other disk jobs (a delete of an attached volume) show
     * {@code UNKNOWN} (cyclades-api.md 3.1).
     */
    public static String serverTaskState(String job) {
        return switch (job) {
            case ATTACH -> "ATTACHING_VOLUME";
            case DETACH -> "DETACHING_VOLUME";
            case SNAPSHOT -> "";
            default -> "UNKNOWN";
        };
    }

    /** The status after job {@code job} ended. */
    public static String after(Volume v, String job, boolean success) {
        return switch (job) {
            case ATTACH -> success ? Volume.IN_USE : Volume.CREATING.equals(v.status()) ? Volume.ERROR
                    : Volume.AVAILABLE;
            case DETACH -> success ? Volume.AVAILABLE : Volume.IN_USE;
            case DELETE -> success ? Volume.DELETED : v.serverId() != null ? Volume.IN_USE : Volume.AVAILABLE;
            default -> v.status();
        };
    }

    /** Whether the volume stays attached after job {@code job} ended. */
    public static boolean attachedAfter(Volume v, String job, boolean success) {
        return switch (job) {
            case ATTACH -> success;
            case DETACH -> !success;
            case DELETE -> !success && v.serverId() != null;
            default -> v.serverId() != null;
        };
    }
}
