package org.nefos.platform.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay. The build property {@code nefos.outbox.enabled=false} removes it (gateway). */
@ConfigMapping(prefix = "nefos.outbox")
public interface OutboxConfig {

    /**
     * How often the relay looks for rows without being woken by a commit ({@code 250ms}, {@code 0.5s},
     * {@code 2s}); commits with events wake it at once through LISTEN/NOTIFY, so this is only the fallback.
     */
    @WithDefault("1s")
    String pollInterval();

    /** Rows published per transaction. */
    @WithDefault("200")
    int batchSize();

    /** How long published rows are kept for inspection before they are deleted. */
    @WithDefault("1d")
    Duration retention();

    /** Upper bound for one publish round (Kafka acknowledgements included). */
    @WithDefault("30s")
    Duration publishTimeout();
}
