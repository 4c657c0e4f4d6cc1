package org.nefos.compute;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nefos.compute.domain.Flavor;
import org.nefos.compute.domain.OperState;
import org.nefos.compute.domain.QuotaEffects;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.ServerAction;
import org.nefos.compute.domain.ServerStateMachine;
import org.nefos.compute.domain.Task;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.quota.Provision;

/** The admissibility matrix (cyclades-api.md 6.3), job outcomes (6.2) and quota deltas (7.3), without infrastructure. */
class ServerStateMachineTest {

    static Server server(OperState state, Task task, boolean deleted) {
        return new Server(1, "s", "u", "p", false, 1, "img", state, task, task == null ? null : 7L, Instant.now(),
                null, 0, false, deleted, false, true, null, null, List.of(), null, null, Instant.now(), Instant.now(), 1,
                Map.of(), List.of());
    }

    static int status(Server s, ServerAction a) {
        try {
            ServerStateMachine.admit(s, a);
            return 0;
        } catch (FaultException e) {
            return e.status();
        }
    }

    @Test
    void matrixPerState() {
        Server build = server(OperState.BUILD, Task.BUILD, false);
        Server active = server(OperState.STARTED, null, false);
        Server stopped = server(OperState.STOPPED, null, false);
        Server error = server(OperState.ERROR, null, false);
        // action: BUILD, ACTIVE, STOPPED, ERROR
        int[][] expected = {
            {409, 400, 0, 400},   // start
            {409, 0, 400, 400},   // shutdown
            {409, 0, 0, 400},     // reboot
            {409, 400, 0, 400},   // resize
            {409, 0, 0, 400},     // firewall
            {409, 0, 0, 0},       // reassign
            {400, 0, 400, 400},   // console
            {0, 0, 0, 0},         // delete
            {0, 0, 0, 0},         // modify (rename, metadata, tags)
            {409, 0, 0, 400},     // connect (add/removeFloatingIp; hotplug on)
        };
        ServerAction[] actions = ServerAction.values();
        Server[] states = {build, active, stopped, error};
        for (int a = 0; a < actions.length; a++) {
            for (int s = 0; s < states.length; s++) {
                assertEquals(expected[a][s], status(states[s], actions[a]), actions[a] + " in " + states[s].status());
            }
        }
    }

    @Test
    void pendingTaskAndDeletedFlag() {
        Server stopping = server(OperState.STARTED, Task.SHUTDOWN, false);
        FaultException e = assertThrows(FaultException.class, () -> ServerStateMachine.admit(stopping, ServerAction.REBOOT));
        assertEquals(Fault.BAD_REQUEST, e.fault());
        assertEquals("Cannot perform 'reboot' action while there is a pending 'shutdown'.", e.getMessage());
        assertDoesNotThrow(() -> ServerStateMachine.admit(stopping, ServerAction.DELETE));
        assertDoesNotThrow(() -> ServerStateMachine.admit(stopping, ServerAction.CONSOLE));
        Server gone = server(OperState.DESTROYED, null, true);
        assertEquals("DELETED", gone.status());
        assertEquals(400, status(gone, ServerAction.DELETE));
        assertEquals(400, status(gone, ServerAction.MODIFY));
        assertEquals("REBOOT", server(OperState.STARTED, Task.REBOOT, false).status());
    }

    @Test
    void jobOutcomes() {
        Server build = server(OperState.BUILD, Task.BUILD, false);
        assertEquals(OperState.STARTED, ServerStateMachine.after(build, Task.BUILD, true));
        assertEquals(OperState.ERROR, ServerStateMachine.after(build, Task.BUILD, false));
        Server active = server(OperState.STARTED, Task.SHUTDOWN, false);
        assertEquals(OperState.STOPPED, ServerStateMachine.after(active, Task.SHUTDOWN, true));
        assertEquals(OperState.STARTED, ServerStateMachine.after(active, Task.SHUTDOWN, false));
        Server stopped = server(OperState.STOPPED, Task.REBOOT, false);
        assertEquals(OperState.STARTED, ServerStateMachine.after(stopped, Task.REBOOT, true));
        assertEquals(OperState.STOPPED, ServerStateMachine.after(stopped, Task.RESIZE, true));
        assertEquals(OperState.DESTROYED, ServerStateMachine.after(stopped, Task.DESTROY, true));
    }

    @Test
    void quotaDeltas() {
        Flavor f = new Flavor(1, 2, 2048, 20, 1, "drbd", true, true, false);
        Map<String, Long> create = userDeltas(QuotaEffects.create("u", "p", f));
        assertEquals(Map.of("cyclades.vm", 1L, "cyclades.total_cpu", 2L, "cyclades.cpu", 2L,
                "cyclades.total_ram", 2048L << 20, "cyclades.ram", 2048L << 20, "cyclades.disk", 20L << 30), create);
        assertEquals(Map.of("cyclades.vm", -1L, "cyclades.total_cpu", -2L, "cyclades.total_ram", -(2048L << 20),
                "cyclades.disk", -(20L << 30)), userDeltas(QuotaEffects.release("u", "p", f, false)));
        assertEquals(Map.of("cyclades.cpu", -2L, "cyclades.ram", -(2048L << 20)),
                userDeltas(QuotaEffects.power("u", "p", f, -1)));
        Flavor g = new Flavor(2, 4, 4096, 20, 1, "drbd", true, true, false);
        assertEquals(Map.of("cyclades.total_cpu", 2L, "cyclades.total_ram", 2048L << 20),
                userDeltas(QuotaEffects.resize("u", "p", f, g, false)));
        assertEquals("C2R2048D20drbd", f.name());
        List<Provision> move = QuotaEffects.move("u", "a", "b", f, true);
        assertEquals(24, move.size(), "6 resources x (member + project) x (release + charge)");
    }

    private static Map<String, Long> userDeltas(List<Provision> provisions) {
        Map<String, Long> out = new java.util.HashMap<>();
        provisions.stream().filter(p -> p.holder().startsWith("user:"))
                .forEach(p -> out.merge(p.resource(), p.quantity(), Long::sum));
        return out;
    }
}
