package org.nefos.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.image.ImageTestSupport.API;
import static org.nefos.image.ImageTestSupport.as;
import static org.nefos.image.ImageTestSupport.await;
import static org.nefos.image.ImageTestSupport.inDetail;
import static org.nefos.image.ImageTestSupport.location;
import static org.nefos.image.ImageTestSupport.newUser;
import static org.nefos.image.ImageTestSupport.pithos;
import static org.nefos.image.ImageTestSupport.records;
import static org.nefos.image.ImageTestSupport.register;
import static org.nefos.image.ImageTestSupport.upload;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.Topics;
import org.nefos.events.image.ImageChanged;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.KafkaRecords;
import org.nefos.testing.ServiceStackResource;

/**
 * The image follows its Pithos object through storage.object.events (Pithos metadata changes keep it
 * registered, new content moves size and checksum, a move updates the location, a delete marks it deleted),
 * and every image change is published on image.image.events through the outbox.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "storage", value = "true"))
class ImageObjectEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String objectUrl(TestUser user, String container, String name) {
        return "/object-store/v1/" + user.uuid() + "/" + container + "/" + name;
    }

    @Test
    void pithosMetadataChangesKeepTheImageAndNewContentMovesSizeAndChecksum() {
        TestUser user = newUser();
        String name = "live-" + UUID.randomUUID();
        upload(user, "images", name);
        String id = register(user, "live", location(user, "images", name),
                Map.of("X-Image-Meta-Property-OSFAMILY", "linux")).then().statusCode(200).extract()
                .header("x-image-meta-id");

        pithos(user).header("X-Object-Meta-Color", "blue").queryParam("update", "")
                .post(objectUrl(user, "images", name)).then().statusCode(202);
        byte[] bigger = ("new content " + "x".repeat(500)).getBytes(StandardCharsets.UTF_8);
        String hash = upload(user, "images", name, bigger);

        Map<String, Object> followed = await(() -> inDetail(user, id),
                i -> i != null && hash.equals(i.get("checksum")), "the image to follow the new content");
        assertEquals(bigger.length, ((Number) followed.get("size")).intValue());
        assertEquals("live", followed.get("name"));
        assertEquals(Map.of("osfamily", "linux"), followed.get("properties"));
        as(user).head(API + "/images/" + id).then().statusCode(200).header("x-image-meta-checksum", hash);
    }

    @Test
    void movingTheObjectKeepsTheIdAndUpdatesTheLocation() {
        TestUser user = newUser();
        String name = "moving-" + UUID.randomUUID();
        upload(user, "images", name);
        String id = register(user, "moving", location(user, "images", name), Map.of()).then().statusCode(200)
                .extract().header("x-image-meta-id");
        pithos(user).put("/object-store/v1/" + user.uuid() + "/elsewhere").then().statusCode(201);
        pithos(user).header("X-Move-From", "/images/" + name)
                .put(objectUrl(user, "elsewhere", name)).then().statusCode(201);
        String moved = location(user, "elsewhere", name);
        Map<String, Object> image = await(() -> inDetail(user, id),
                i -> i != null && moved.equals(i.get("location")), "the image to follow the move");
        assertEquals("moving", image.get("name"));
    }

    @Test
    void deletingTheObjectMarksTheImageDeleted() {
        TestUser user = newUser();
        String name = "doomed-" + UUID.randomUUID();
        upload(user, "images", name);
        String id = register(user, "doomed", location(user, "images", name), Map.of()).then().statusCode(200)
                .extract().header("x-image-meta-id");
        pithos(user).delete(objectUrl(user, "images", name)).then().statusCode(204);

        await(() -> as(user).head(API + "/images/" + id).statusCode(), s -> s == 404, "the image to disappear");
        assertEquals(null, inDetail(user, id));
        List<ConsumerRecord<String, byte[]>> events = records(bootstrap, Topics.IMAGE_IMAGE_EVENTS, id,
                l -> l.stream().anyMatch(r -> EventCatalog.IMAGE_DELETED.type().equals(KafkaRecords.type(r))));
        ConsumerRecord<String, byte[]> deleted = events.stream()
                .filter(r -> EventCatalog.IMAGE_DELETED.type().equals(KafkaRecords.type(r))).findFirst().orElseThrow();
        ImageChanged payload = read(deleted);
        assertEquals("DELETED", payload.status());
        assertEquals("object_deleted", payload.change());
        // registering it again is impossible: the object is gone
        register(user, "doomed", location(user, "images", name), Map.of()).then().statusCode(404);
    }

    @Test
    void everyImageChangeIsPublishedInOrderThroughTheOutbox() {
        TestUser user = newUser();
        TestUser member = newUser();
        String name = "evented-" + UUID.randomUUID();
        upload(user, "images", name);
        String id = register(user, "evented", location(user, "images", name), Map.of("X-Image-Meta-Is-Public", "true"))
                .then().statusCode(200).extract().header("x-image-meta-id");
        as(user).header("X-Image-Meta-Name", "renamed").put(API + "/images/" + id).then().statusCode(200);
        as(user).put(API + "/images/" + id + "/members/" + member.uuid()).then().statusCode(204);
        as(user).delete(API + "/images/" + id).then().statusCode(204);

        List<ConsumerRecord<String, byte[]>> events = records(bootstrap, Topics.IMAGE_IMAGE_EVENTS, id,
                l -> l.stream().anyMatch(r -> EventCatalog.IMAGE_UNREGISTERED.type().equals(KafkaRecords.type(r))));
        List<String> types = events.stream().map(KafkaRecords::type).toList();
        assertEquals(List.of(EventCatalog.IMAGE_REGISTERED.type(), EventCatalog.IMAGE_UPDATED.type(),
                EventCatalog.IMAGE_UPDATED.type(), EventCatalog.IMAGE_UNREGISTERED.type()), types);
        List<ImageChanged> payloads = events.stream().map(ImageObjectEventsTest::read).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L), payloads.stream().map(ImageChanged::sequence).toList());
        ImageChanged registered = payloads.get(0);
        assertEquals(user.uuid(), registered.userId());
        assertTrue(registered.isPublic());
        assertEquals(location(user, "images", name), registered.location());
        assertEquals("renamed", payloads.get(1).name());
        assertEquals(List.of(user.uuid(), member.uuid()), payloads.get(2).members());
        assertEquals("DELETED", payloads.get(3).status());
        assertNotNull(Objects.requireNonNull(payloads.get(3).changedAt()));
    }

    /** Strict reading: the payload is exactly the contract record. */
    private static ImageChanged read(ConsumerRecord<String, byte[]> r) {
        try {
            return EventJson.strictMapper().readValue(r.value(), ImageChanged.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
