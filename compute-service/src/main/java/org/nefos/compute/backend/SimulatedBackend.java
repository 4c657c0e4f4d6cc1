package org.nefos.compute.backend;

import java.time.Duration;
import java.util.function.IntConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.events.compute.ServerCommand;
import org.nefos.events.compute.VolumeCommand;

/**
 * The default adapter: a hypervisor that takes the configured time per operation and always gives the
 * same answer. A build fails when the server metadata carries the configured failure key (its value is
 * the failure message), so ERROR paths are testable.
 */
@ApplicationScoped
@DefaultBean
public class SimulatedBackend implements ComputeBackend {

    @Inject
    ComputeConfig config;

    @Override
    public Uni<Outcome> run(ServerCommand command, IntConsumer progress) {
        ComputeConfig.Backend b = config.backend();
        return switch (command.operation()) {
            case "BUILD" -> build(command, progress, b);
            case "START", "REBOOT" -> after(b.bootDuration(), Outcome.ok());
            case "SHUTDOWN", "DESTROY" -> after(b.shutdownDuration(), Outcome.ok());
            case "RESIZE" -> after(b.shutdownDuration(), Outcome.ok());
            default -> Uni.createFrom().item(Outcome.failed("unknown operation " + command.operation()));
        };
    }

    /** A disk job takes the configured volume time; the volume's metadata injects failures as for builds. */
    @Override
    public Uni<Outcome> run(VolumeCommand command) {
        ComputeConfig.Backend b = config.backend();
        var params = command.params() == null ? java.util.Map.<String, String>of() : command.params();
        if (params.containsKey(b.hangBuildKey())) {
            return Uni.createFrom().nothing();
        }
        String failure = params.get(b.failBuildKey());
        return after(b.volumeDuration(), failure == null ? Outcome.ok()
                : Outcome.failed(failure.isBlank() ? command.operation() + " failed" : failure));
    }

    private Uni<Outcome> build(ServerCommand command, IntConsumer progress, ComputeConfig.Backend b) {
        Duration half = b.buildDuration().dividedBy(2);
        String failure = command.params() == null ? null : command.params().get(b.failBuildKey());
        if (command.params() != null && command.params().containsKey(b.hangBuildKey())) {
            return Uni.createFrom().nothing();
        }
        return after(half, 0).invoke(() -> progress.accept(50))
                .chain(() -> after(half, failure == null ? Outcome.ok()
                        : Outcome.failed(failure.isBlank() ? "Build failed" : failure)));
    }

    private static <T> Uni<T> after(Duration d, T value) {
        Uni<T> item = Uni.createFrom().item(value);
        return d.isZero() || d.isNegative() ? item : item.onItem().delayIt().by(d);
    }
}
