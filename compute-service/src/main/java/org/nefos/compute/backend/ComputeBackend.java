package org.nefos.compute.backend;

import java.util.function.IntConsumer;

import io.smallrye.mutiny.Uni;
import org.nefos.events.compute.ServerCommand;

/**
 * The hypervisor port (Synnefo's Ganeti). An adapter runs one job and answers its outcome; it may report
 * progress percentages on the way. It never touches compute's database.
 */
public interface ComputeBackend {

    /** Runs the job of {@code command}; a failed job is an item with {@code success=false}, not a failure. */
    Uni<Outcome> run(ServerCommand command, IntConsumer progress);

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
