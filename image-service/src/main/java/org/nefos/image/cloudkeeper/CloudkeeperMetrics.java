package org.nefos.image.cloudkeeper;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.nefos.image.cloudkeeper.grpc.Image;

/**
 * What a site admin watches (grpc-occi-cloudkeeper.md D.1 item 8), at /q/metrics: calls per RPC and outcome
 * ({@code nefos_cloudkeeper_calls_total}), image bytes moved per mode ({@code nefos_cloudkeeper_transfer_bytes_total})
 * and, per image list, when a sync run that touched it last ended without a failed call
 * ({@code nefos_cloudkeeper_last_successful_sync_seconds}). A run is PreAction … PostAction of one core.
 */
@ApplicationScoped
public class CloudkeeperMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Set<String> listsThisRun = ConcurrentHashMap.newKeySet();
    private volatile boolean runFailed;

    void call(String rpc, boolean ok) {
        Counter.builder("nefos_cloudkeeper_calls").description("Cloudkeeper Communicator calls")
                .tag("rpc", rpc).tag("outcome", ok ? "ok" : "error").register(registry).increment();
        if (!ok) {
            runFailed = true;
        }
    }

    void transferred(Image.Mode mode, long bytes) {
        Counter.builder("nefos_cloudkeeper_transfer_bytes").description("Appliance image bytes stored in Pithos")
                .baseUnit("bytes").tag("mode", mode.name()).register(registry).increment(bytes);
    }

    /** An image list the current run works on. */
    void touched(String imageList) {
        if (imageList != null && !imageList.isEmpty()) {
            listsThisRun.add(imageList);
        }
    }

    void runStarted() {
        listsThisRun.clear();
        runFailed = false;
    }

    void runEnded() {
        if (!runFailed) {
            long now = Instant.now().getEpochSecond();
            for (String list : listsThisRun) {
                lastSuccess.computeIfAbsent(list, l -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder("nefos_cloudkeeper_last_successful_sync_seconds", value, AtomicLong::doubleValue)
                            .description("End of the last sync run without failed calls that touched the image list")
                            .tag("image_list", l).register(registry);
                    return value;
                }).set(now);
            }
        }
        listsThisRun.clear();
    }
}
