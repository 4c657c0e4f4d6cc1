package org.nefos.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

class EventLoopsPerCoreTest {

    @Test
    void defaultsToOneLoopPerProcessor() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EventLoopsPerCore(3)).build();
        assertEquals(3, config.getValue(EventLoopsPerCore.KEY, Integer.class));
    }

    @Test
    void neverFewerThanOneLoop() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EventLoopsPerCore(0)).build();
        assertEquals(1, config.getValue(EventLoopsPerCore.KEY, Integer.class));
    }

    @Test
    void applicationPropertiesAndEnvironmentStillWin() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EventLoopsPerCore(2))
                .withSources(new PropertiesConfigSource(Map.of(EventLoopsPerCore.KEY, "7"), "application.properties", 250))
                .build();
        assertEquals(7, config.getValue(EventLoopsPerCore.KEY, Integer.class));
    }
}
