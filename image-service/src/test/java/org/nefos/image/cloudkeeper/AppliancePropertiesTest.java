package org.nefos.image.cloudkeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.nefos.image.cloudkeeper.grpc.Appliance;
import org.nefos.image.domain.Image;

class AppliancePropertiesTest {

    private static Image image(Map<String, String> properties, String description) {
        return new Image(UUID.randomUUID(), "svc", "c", "o", "name", "diskdump", "bare", null, null, description, false,
                List.of(), properties, 1, "hash", 1, Instant.now(), null, 1);
    }

    @Test
    void anApplianceWithItsImagePartRoundTripsThroughProperties() {
        Appliance a = CoreCalls.appliance("list-1", "dteam", "Title").setImage(org.nefos.image.cloudkeeper.grpc.Image
                .newBuilder().setUri("https://example.org/x.ova").setChecksum("ab").setSize(42)
                .setFormat(org.nefos.image.cloudkeeper.grpc.Image.Format.VMDK).setDigest("d1")
                .setLocation("/somewhere").setUsername("u").setPassword("p")).build();
        Map<String, String> p = ApplianceProperties.of(a, "project-1", ApplianceProperties.ACTIVE);
        p.putAll(ApplianceProperties.ofImage(a.getImage()));
        assertTrue(p.size() + 4 <= 32, "within Plankton's 32 metadata items");
        Appliance back = ApplianceProperties.toAppliance(image(p, a.getDescription()));
        // the transfer details (where, credentials) are not kept: they are only good for one call
        assertEquals(a.toBuilder().setImage(a.getImage().toBuilder().clearLocation().clearUsername().clearPassword())
                .build(), back);
        assertFalse(ApplianceProperties.isRetired(image(p, null)));
    }

    @Test
    void generationOneImagesAreReadAndLongValuesClamped() {
        Image gen1 = image(Map.of("appliance_id", "a-1", "appliance_image_list_id", "l-1", "appliance_ram", "512",
                "appliance_status", "EOL", "appliance_description", "old"), null);
        Appliance a = ApplianceProperties.toAppliance(gen1);
        assertEquals("a-1", a.getIdentifier());
        assertEquals("l-1", a.getImageListIdentifier());
        assertEquals(512, a.getRam());
        assertEquals("old", a.getDescription());
        assertFalse(a.hasImage());
        assertTrue(ApplianceProperties.isRetired(gen1));
        assertEquals(256, ApplianceProperties.clamp("x".repeat(300)).length());
    }
}
