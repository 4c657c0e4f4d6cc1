package org.nefos.gateway.grpc;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway in front of the real services ({@link ServicesResource}) only: the module's global test resources
 * (the echo upstream the routing tests use) would point some prefixes elsewhere.
 */
public class ServicesProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ServicesResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
