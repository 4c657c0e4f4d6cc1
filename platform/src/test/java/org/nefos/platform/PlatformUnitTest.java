package org.nefos.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.nefos.platform.events.CloudEvent;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.Faults;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.SynnefoDates;

class PlatformUnitTest {

    @Test
    void datesFollowPythonIsoformat() {
        assertEquals("2018-05-11T09:12:44+00:00", SynnefoDates.format(Instant.parse("2018-05-11T09:12:44Z")));
        assertEquals("2018-05-11T09:12:44.120934+00:00",
                SynnefoDates.format(Instant.parse("2018-05-11T09:12:44.120934567Z")));
        assertEquals("2018-05-11T09:12:44.100000+00:00", SynnefoDates.format(Instant.parse("2018-05-11T09:12:44.1Z")));
    }

    @Test
    void faultsRenderOneKeyWithCodeMessageAndDetails() {
        String json = Faults.toJson(FaultException.notFound("There is no project identified by 1234."));
        assertEquals("{\"itemNotFound\":{\"code\":404,\"message\":\"There is no project identified by 1234.\",\"details\":\"\"}}",
                json);
        String withData = Faults.toJson(new FaultException(Fault.OVER_LIMIT, "full").withData(Map.of("limit", 2)));
        assertEquals("{\"overLimit\":{\"code\":413,\"message\":\"full\",\"data\":{\"limit\":2}}}", withData);
        assertEquals("GET,POST", FaultException.notAllowed("no", "GET,POST").headers().get("Allow"));
        assertEquals(Fault.SERVICE_UNAVAILABLE, Fault.forStatus(503));
        assertEquals(Fault.BAD_REQUEST, Fault.forStatus(418));
        assertEquals(Fault.INTERNAL_SERVER_ERROR, Fault.forStatus(599));
    }

    @Test
    void jsonBodiesEnforceSynnefosRules() {
        assertEquals("Missing Content-Type header field",
                assertThrows(FaultException.class, () -> JsonBodies.parse(null, "{}".getBytes())).getMessage());
        assertEquals("Unsupported Content-type: 'text/plain'",
                assertThrows(FaultException.class, () -> JsonBodies.parse("text/plain", "{}".getBytes())).getMessage());
        assertTrue(JsonBodies.parse("application/json; charset=utf-8", "{\"a\":1}".getBytes()).has("a"));
        assertThrows(FaultException.class, () -> JsonBodies.parse("application/json", "{".getBytes()));
        assertThrows(FaultException.class, () -> JsonBodies.parseObject("application/json", "[]".getBytes()));
        assertThrows(FaultException.class, () -> JsonBodies.parse("application/json", new byte[0]));
    }

    @Test
    void cloudEventsTravelInBinaryMode() {
        CloudEvent event = new CloudEvent("e-1", "/nefos/test", "org.nefos.compute.server.created.v1", "42",
                Instant.parse("2026-12-01T10:00:00Z"), "{\"serverId\":42}");
        ProducerRecord<String, byte[]> out = event.toRecord("compute.server.events", "42");
        assertEquals("42", out.key());
        assertEquals("1.0", new String(out.headers().lastHeader("ce_specversion").value(), StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> in = new ConsumerRecord<>("compute.server.events", 0, 0, out.key(), out.value());
        out.headers().forEach(h -> in.headers().add(h));
        assertEquals(event, CloudEvent.fromRecord(in));
        ConsumerRecord<String, byte[]> plain = new ConsumerRecord<>("t", 0, 0, "k", "{}".getBytes());
        assertThrows(IllegalArgumentException.class, () -> CloudEvent.fromRecord(plain));
        assertFalse(event.data().isEmpty());
        assertNull(out.headers().lastHeader(CloudEvent.REQUEST_ID_HEADER), "no request, no requestid attribute");
    }

    @Test
    void theCausingRequestIdTravelsAsAnExtensionAttribute() {
        CloudEvent event = new CloudEvent("e-2", "/nefos/test", "org.nefos.compute.server.created.v1", "42",
                Instant.parse("2026-12-01T10:00:00Z"), "{}", "req-9");
        ProducerRecord<String, byte[]> out = event.toRecord("compute.server.events", "42");
        ConsumerRecord<String, byte[]> in = new ConsumerRecord<>("compute.server.events", 0, 0, out.key(), out.value());
        out.headers().forEach(h -> in.headers().add(h));
        assertEquals("req-9", CloudEvent.requestId(in));
        assertEquals(event, CloudEvent.fromRecord(in));
    }
}
