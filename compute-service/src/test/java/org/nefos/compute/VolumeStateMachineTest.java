package org.nefos.compute;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nefos.compute.domain.OperState;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.ServerVolumes;
import org.nefos.compute.domain.Task;
import org.nefos.compute.domain.Volume;
import org.nefos.compute.domain.VolumeStateMachine;
import org.nefos.platform.fault.FaultException;

/** Volume admissibility and job outcomes (cyclades-api.md 2.9, 5.3, 6.6), without infrastructure. */
class VolumeStateMachineTest {

    static Volume volume(String status, String template, Long serverId, Integer index, boolean initialized) {
        return new Volume(7, "v", null, 1, "u", "p", false, 2, template, serverId, index, status, null, null, true,
                initialized, true, Volume.DELETED.equals(status), null, null, null, null, null, Instant.now(),
                Instant.now(), 1, Map.of());
    }

    static int attach(Volume v, Server s, String serverTemplate, int disks) {
        try {
            VolumeStateMachine.admitAttach(v, s, serverTemplate, disks);
            return 0;
        } catch (FaultException e) {
            return e.status();
        }
    }

    @Test
    void attachNeedsAnAvailableDetachableVolumeOfTheServersFamilyAndARunningOrStoppedServer() {
        Server active = ServerStateMachineTest.server(OperState.STARTED, null, false);
        Volume stick = volume(Volume.AVAILABLE, "ext_archipelago", null, null, false);
        assertEquals(0, attach(stick, active, "ext_archipelago", 1));
        assertEquals(0, attach(stick, active, "ext_vlmc", 1), "ext_* templates are one family");
        assertEquals(0, attach(stick, ServerStateMachineTest.server(OperState.STOPPED, null, false), "ext_vlmc", 1));
        assertEquals(400, attach(stick, active, "drbd", 1));
        assertEquals(400, attach(stick, active, "ext_archipelago", VolumeStateMachine.MAX_DISKS));
        assertEquals(400, attach(volume(Volume.IN_USE, "ext_archipelago", 3L, 1, true), active, "ext_archipelago",
                1));
        assertEquals(400, attach(volume(Volume.AVAILABLE, "drbd", null, null, false), active, "drbd", 1));
        assertEquals(400, attach(volume(Volume.DELETED, "ext_archipelago", null, null, false), active,
                "ext_archipelago", 1));
        assertEquals(409, attach(stick, ServerStateMachineTest.server(OperState.BUILD, Task.BUILD, false),
                "ext_archipelago", 1));
        assertEquals(400, attach(stick, ServerStateMachineTest.server(OperState.STARTED, Task.REBOOT, false),
                "ext_archipelago", 1));
        assertEquals(400, attach(stick, ServerStateMachineTest.server(OperState.ERROR, null, false),
                "ext_archipelago", 1));
        assertEquals(400, attach(stick, ServerStateMachineTest.server(OperState.STARTED, null, true),
                "ext_archipelago", 1));
    }

    @Test
    void detachRefusesRootsNonDetachableTypesOtherServersAndVolumesNotInUse() {
        assertDoesNotThrow(() -> VolumeStateMachine.admitDetach(volume(Volume.IN_USE, "ext_vlmc", 1L, 1, true), 1));
        assertDoesNotThrow(() -> VolumeStateMachine.admitDetach(volume(Volume.ERROR, "ext_vlmc", 1L, 1, true), 1));
        assertThrows(FaultException.class,
                () -> VolumeStateMachine.admitDetach(volume(Volume.IN_USE, "ext_vlmc", 1L, 0, true), 1));
        assertThrows(FaultException.class,
                () -> VolumeStateMachine.admitDetach(volume(Volume.IN_USE, "drbd", 1L, 1, true), 1));
        assertThrows(FaultException.class,
                () -> VolumeStateMachine.admitDetach(volume(Volume.IN_USE, "ext_vlmc", 2L, 1, true), 1));
        assertThrows(FaultException.class,
                () -> VolumeStateMachine.admitDetach(volume(Volume.ATTACHING, "ext_vlmc", 1L, 1, true), 1));
        assertThrows(FaultException.class,
                () -> VolumeStateMachine.admitDetach(volume(Volume.AVAILABLE, "ext_vlmc", null, null, true), 1));
    }

    @Test
    void deleteIsImmediateOnlyForVolumesNeverOnTheBackend() {
        assertTrue(VolumeStateMachine.deletesAtOnce(volume(Volume.AVAILABLE, "ext_vlmc", null, null, false)));
        assertFalse(VolumeStateMachine.deletesAtOnce(volume(Volume.AVAILABLE, "ext_vlmc", null, null, true)));
        assertFalse(VolumeStateMachine.deletesAtOnce(volume(Volume.IN_USE, "ext_vlmc", 1L, 1, true)));
        assertThrows(FaultException.class,
                () -> VolumeStateMachine.admitDelete(volume(Volume.IN_USE, "ext_vlmc", 1L, 0, true)));
        assertThrows(FaultException.class,
                () -> VolumeStateMachine.admitDelete(volume(Volume.DETACHING, "ext_vlmc", 1L, 1, true)));
        assertThrows(FaultException.class,
                () -> VolumeStateMachine.admitDelete(volume(Volume.DELETED, "ext_vlmc", null, null, true)));
        assertDoesNotThrow(() -> VolumeStateMachine.admitDelete(volume(Volume.IN_USE, "drbd", 1L, 1, true)));
    }

    @Test
    void jobOutcomesFollowTheVolumeStateTable() {
        Volume attaching = volume(Volume.ATTACHING, "ext_vlmc", 1L, 1, false);
        Volume creating = volume(Volume.CREATING, "ext_vlmc", 1L, 1, false);
        Volume detaching = volume(Volume.DETACHING, "ext_vlmc", 1L, 1, true);
        Volume deletingAttached = volume(Volume.DELETING, "ext_vlmc", 1L, 1, true);
        Volume deletingDetached = volume(Volume.DELETING, "ext_vlmc", null, null, true);
        String a = VolumeStateMachine.ATTACH;
        String d = VolumeStateMachine.DETACH;
        String x = VolumeStateMachine.DELETE;
        assertEquals(Volume.IN_USE, VolumeStateMachine.after(attaching, a, true));
        assertEquals(Volume.AVAILABLE, VolumeStateMachine.after(attaching, a, false), "reverted, not deleted");
        assertEquals(Volume.IN_USE, VolumeStateMachine.after(creating, a, true));
        assertEquals(Volume.ERROR, VolumeStateMachine.after(creating, a, false));
        assertEquals(Volume.AVAILABLE, VolumeStateMachine.after(detaching, d, true));
        assertEquals(Volume.IN_USE, VolumeStateMachine.after(detaching, d, false));
        assertEquals(Volume.DELETED, VolumeStateMachine.after(deletingAttached, x, true));
        assertEquals(Volume.IN_USE, VolumeStateMachine.after(deletingAttached, x, false));
        assertEquals(Volume.AVAILABLE, VolumeStateMachine.after(deletingDetached, x, false));
        assertTrue(VolumeStateMachine.attachedAfter(attaching, a, true));
        assertFalse(VolumeStateMachine.attachedAfter(creating, a, false));
        assertFalse(VolumeStateMachine.attachedAfter(detaching, d, true));
        assertTrue(VolumeStateMachine.attachedAfter(detaching, d, false));
        assertFalse(VolumeStateMachine.attachedAfter(deletingAttached, x, true));
    }

    @Test
    void aDiskJobShowsAsTheServersTaskUnlessTheServerHasItsOwn() {
        Server idle = ServerStateMachineTest.server(OperState.STARTED, null, false);
        Server destroying = ServerStateMachineTest.server(OperState.STARTED, Task.DESTROY, false);
        assertEquals("ATTACHING_VOLUME", new ServerVolumes(List.of(1L, 2L), VolumeStateMachine.ATTACH).taskState(idle));
        assertEquals("DETACHING_VOLUME", new ServerVolumes(List.of(1L, 2L), VolumeStateMachine.DETACH).taskState(idle));
        assertEquals("UNKNOWN", new ServerVolumes(List.of(1L, 2L), VolumeStateMachine.DELETE).taskState(idle));
        assertEquals("", new ServerVolumes(List.of(1L, 2L), VolumeStateMachine.SNAPSHOT).taskState(idle));
        assertEquals("", ServerVolumes.NONE.taskState(idle));
        assertEquals("DESTROYING", new ServerVolumes(List.of(1L, 2L), VolumeStateMachine.DETACH).taskState(destroying),
                "a delete overtakes the disk job");
    }
}
