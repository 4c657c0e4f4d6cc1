package org.nefos.compute.domain;

import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/**
 * The only place that knows which action a server admits in which state and what a finished backend
 * job does to it (cyclades-api.md 6.2, 6.3). Checks run in upstream's order: deleted, suspended,
 * pending task, operstate.
 */
public final class ServerStateMachine {

    private ServerStateMachine() {
    }

    /** Fails with the fault Cyclades answers when {@code action} is not admissible now. */
    public static void admit(Server s, ServerAction action) {
        if (s.deleted()) {
            throw FaultException.badRequest("Server has been deleted.");
        }
        if (action == ServerAction.MODIFY) {
            if (s.suspended()) {
                throw FaultException.forbidden("Administratively Suspended VM");
            }
            return;
        }
        if (s.suspended()) {
            throw FaultException.forbidden("Administratively Suspended VM");
        }
        if (action == ServerAction.DELETE) {
            return;
        }
        if (action == ServerAction.CONSOLE) {
            if (s.operState() != OperState.STARTED) {
                throw FaultException.badRequest("Server not in ACTIVE state.");
            }
            return;
        }
        if (s.task() != null) {
            if (s.task() == Task.BUILD) {
                throw new FaultException(Fault.BUILD_IN_PROGRESS, "Server is being build.");
            }
            throw FaultException.badRequest("Cannot perform '" + action.wireName()
                    + "' action while there is a pending '" + s.task().action() + "'.");
        }
        OperState state = s.operState();
        if (state == OperState.BUILD) {
            throw new FaultException(Fault.BUILD_IN_PROGRESS, "Server is being build.");
        }
        boolean allowed = switch (action) {
            case START, RESIZE -> state == OperState.STOPPED;
            case SHUTDOWN -> state == OperState.STARTED;
            case REBOOT, FIREWALL, CONNECT -> state == OperState.STARTED || state == OperState.STOPPED;
            case REASSIGN -> true;
            default -> false;
        };
        if (!allowed) {
            throw FaultException.badRequest("Cannot perform '" + action.wireName()
                    + "' action while server is in '" + s.status() + "' state.");
        }
    }

    /** The operstate after job {@code task} ended; {@code success=false} means it failed or was cancelled. */
    public static OperState after(Server s, Task task, boolean success) {
        if (!success) {
            return task == Task.BUILD ? OperState.ERROR : s.operState();
        }
        return switch (task) {
            case BUILD, START, REBOOT -> OperState.STARTED;
            case SHUTDOWN -> OperState.STOPPED;
            case RESIZE -> s.operState();
            case DESTROY -> OperState.DESTROYED;
        };
    }
}
