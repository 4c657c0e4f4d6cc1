package org.nefos.compute.backend;

import java.util.function.IntConsumer;

import io.smallrye.mutiny.Uni;
import org.nefos.events.compute.ServerCommand;
import org.nefos.events.compute.VolumeCommand;

/**
 * The hypervisor port (Synnefo's Ganeti). An adapter runs one job and answers its outcome; it may report
 * progress percentages on the way. It never touches compute's database.
 */
public interface ComputeBackend {

    /** Runs the job of {@code command}; a failed job is an item with {@code success=false}, not a failure. */
    Uni<Outcome> run(ServerCommand command, IntConsumer progress);

    /** Runs a disk job (attach, detach, delete, snapshot) of {@code command}; failures as for servers. */
    Uni<Outcome> run(VolumeCommand command);

    /** The end of a job. */
    record Outcome(boolean success, String message) {

        public static Outcome ok() {
            return new Outcome(true, null);
        }

        public static Outcome failed(String message) {
            return new Outcome(false, message);
        }
    }
}
