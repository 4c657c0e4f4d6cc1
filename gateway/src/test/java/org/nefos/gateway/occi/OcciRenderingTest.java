package org.nefos.gateway.occi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OcciRenderingTest {

    static final String ROOT = "http://cloud.example/occi/";

    @Test
    void parsesCommaJoinedAndRepeatedHeadersAlike() {
        OcciRequest joined = OcciRequest.fromLines(List.of(Map.entry("Category",
                "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\", "
                        + "debian; scheme=\"http://schemas.openstack.org/template/os#\"; class=\"mixin\""),
                Map.entry("X-OCCI-Attribute", "occi.core.title=\"a, b; c\", occi.compute.cores=2")));
        OcciRequest repeated = OcciRequest.fromLines(List.of(
                Map.entry("Category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=kind"),
                Map.entry("Category", "debian; scheme=\"http://schemas.openstack.org/template/os#\"; class=\"mixin\""),
                Map.entry("X-OCCI-Attribute", "occi.core.title=\"a, b; c\""),
                Map.entry("X-OCCI-Attribute", "occi.compute.cores=2")));
        assertEquals(joined, repeated);
        assertEquals(Occi.COMPUTE.id(), joined.ofClass("kind").get(0).id());
        assertEquals("a, b; c", joined.attributes().get("occi.core.title"));
        assertEquals(2L, joined.attributes().get("occi.compute.cores"));
    }

    @Test
    void plainBodyCarriesTheSameLines() {
        OcciRequest r = OcciRequest.fromPlainBody("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\r\n"
                + "\r\nX-OCCI-Attribute: occi.compute.memory=1.5\r\n"
                + "Link: </occi/network/7>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; occi.networkinterface.address=\"10.0.0.5\"\n");
        assertEquals(1.5, r.attributes().get("occi.compute.memory"));
        assertEquals("/occi/network/7", r.links().get(0).target());
        assertEquals("10.0.0.5", r.links().get(0).attributes().get("occi.networkinterface.address"));
    }

    @Test
    void malformedRenderingsAreRefusedWith400() {
        for (String bad : List.of("compute; class=\"kind\"",                              // no scheme
                "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure\"; class=\"kind\"", // scheme without #
                "compute; scheme=\"http://x#\"; class=\"thing\"",                            // unknown class
                "Compute Thing; scheme=\"http://x#\"; class=\"kind\"",                        // bad term
                "compute; scheme=\"http://x#; class=\"kind\"")) {                             // unbalanced quote
            OcciException e = assertThrows(OcciException.class,
                    () -> OcciRequest.fromLines(List.of(Map.entry("Category", bad))), bad);
            assertEquals(400, e.status(), bad);
        }
        for (String bad : List.of("occi.core.title=unquoted words", "Occi.Core.Title=\"x\"", "novalue", "x=")) {
            OcciException e = assertThrows(OcciException.class,
                    () -> OcciRequest.fromLines(List.of(Map.entry("X-OCCI-Attribute", bad))), bad);
            assertEquals(400, e.status(), bad);
        }
        assertEquals(400, assertThrows(OcciException.class, () -> OcciRequest.fromPlainBody("no colon here")).status());
        assertEquals(400, assertThrows(OcciException.class,
                () -> OcciRequest.fromLines(List.of(Map.entry("Link", "/occi/network/1; rel=\"x#y\"")))).status());
        assertEquals(400, assertThrows(OcciException.class,
                () -> OcciRequest.fromJson("{\"kind\": 3}".getBytes(StandardCharsets.UTF_8))).status());
        assertEquals(400, assertThrows(OcciException.class,
                () -> OcciRequest.fromJson("{\"kind\": \"no-hash\"}".getBytes(StandardCharsets.UTF_8))).status());
        assertEquals(400, assertThrows(OcciException.class,
                () -> OcciRequest.fromJson("{not json".getBytes(StandardCharsets.UTF_8))).status());
        assertEquals(400, assertThrows(OcciException.class, () -> OcciRequest.fromLines(List.of(
                Map.entry("X-OCCI-Attribute", "occi.core.title=\"a\""),
                Map.entry("X-OCCI-Attribute", "occi.core.title=\"b\"")))).status());
    }

    @Test
    void jsonRenderingParsesKindMixinsAttributesAndLinks() {
        OcciRequest r = OcciRequest.fromJson(("{\"kind\": \"http://schemas.ogf.org/occi/infrastructure#compute\","
                + "\"mixins\": [\"http://schemas.openstack.org/template/os#img-1\", \"http://schemas.openstack.org/template/resource#3\"],"
                + "\"attributes\": {\"occi.core.title\": \"vm\", \"occi.compute.cores\": 2},"
                + "\"links\": [{\"kind\": \"http://schemas.ogf.org/occi/infrastructure#networkinterface\","
                + " \"target\": {\"location\": \"/occi/network/4\", \"kind\": \"http://schemas.ogf.org/occi/infrastructure#network\"}}]}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("img-1", "3"), r.ofClass("mixin").stream().map(OcciRequest.Ref::term).toList());
        assertEquals(2L, r.attributes().get("occi.compute.cores"));
        assertEquals(Occi.NETWORK.id(), r.links().get(0).rel());
    }

    @Test
    void negotiatesAcceptAndRefusesWhatItCannotRender() {
        assertEquals(Rendering.PLAIN, Rendering.negotiate(null));
        assertEquals(Rendering.PLAIN, Rendering.negotiate("*/*"));
        assertEquals(Rendering.OCCI, Rendering.negotiate("text/occi"));
        assertEquals(Rendering.JSON, Rendering.negotiate("text/plain;q=0.5, application/occi+json"));
        assertEquals(Rendering.URI_LIST, Rendering.negotiate("text/uri-list"));
        assertEquals(406, assertThrows(OcciException.class, () -> Rendering.negotiate("image/png")).status());
        assertEquals(400, assertThrows(OcciException.class,
                () -> Rendering.URI_LIST.query(Occi.STATIC, ROOT)).status());
    }

    @Test
    void queryInterfaceRendersAttributesActionsAndLocations() {
        String body = Rendering.PLAIN.query(List.of(Occi.COMPUTE, Occi.START), ROOT).body();
        assertTrue(body.contains("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"; "
                + "title=\"Compute Resource\"; rel=\"http://schemas.ogf.org/occi/core#resource\"; "
                + "location=\"http://cloud.example/occi/compute/\"; attributes=\""), body);
        assertTrue(body.contains("occi.compute.state{immutable}"), body);
        assertTrue(body.contains("actions=\"http://schemas.ogf.org/occi/infrastructure/compute/action#start "), body);
        assertTrue(body.contains("Category: start; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\"; class=\"action\""), body);
        Rendering.Output headers = Rendering.OCCI.query(List.of(Occi.COMPUTE, Occi.START), ROOT);
        assertEquals("OK", headers.body());
        assertEquals(1, headers.headers().size(), "one Category header, values comma-joined");
    }

    @Test
    void entityRendersOnlyApplicableActionLinksAndTypedAttributes() throws Exception {
        Entity e = new Entity(Occi.COMPUTE, List.of(), new java.util.LinkedHashMap<>(Map.of("occi.core.id", "42",
                "occi.compute.cores", 2L)), List.of(), ComputeOps.applicableActions("STOPPED"), "compute/42");
        String body = Rendering.PLAIN.entity(e, ROOT).body();
        assertTrue(body.contains("Link: <http://cloud.example/occi/compute/42?action=start>; "
                + "rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#start\""), body);
        assertTrue(!body.contains("action=stop"), body);
        assertTrue(body.contains("X-OCCI-Attribute: occi.compute.cores=2"), body);
        assertTrue(body.contains("X-OCCI-Attribute: occi.core.id=\"42\""), body);
        JsonNode json = new ObjectMapper().readTree(Rendering.JSON.entity(e, ROOT).body());
        assertEquals(2, json.path("attributes").path("occi.compute.cores").asInt());
        assertEquals("http://cloud.example/occi/compute/42", json.path("location").asText());
        assertEquals(List.of(Occi.START.id()), List.of(json.path("actions").get(0).asText()));
    }

    @Test
    void statesAndActionsFollowTheCycladesStatus() {
        assertEquals("active", ComputeOps.state("ACTIVE"));
        assertEquals("inactive", ComputeOps.state("STOPPED"));
        assertEquals("inactive", ComputeOps.state("BUILD"));
        assertEquals("error", ComputeOps.state("ERROR"));
        assertEquals(List.of(Occi.STOP.id(), Occi.RESTART.id()), ComputeOps.applicableActions("ACTIVE"));
        assertEquals(List.of(), ComputeOps.applicableActions("BUILD"));
    }

    @Test
    void versionsAboveOnePointTwoAreNotImplemented() {
        OcciFront.checkVersion("rOCCI-cli/4.3 OCCI/1.1");
        OcciFront.checkVersion("occi-client OCCI/1.2");
        assertEquals(501, assertThrows(OcciException.class, () -> OcciFront.checkVersion("x OCCI/1.3")).status());
        assertEquals(501, assertThrows(OcciException.class, () -> OcciFront.checkVersion("x OCCI/2.0")).status());
    }

    @Test
    void locationsNameTheirResource() {
        assertEquals("42", ComputeOps.serverOf("http://cloud.example/occi/compute/42"));
        assertEquals("42", ComputeOps.serverOf("/occi/compute/42/"));
        assertEquals("7", NetworkOps.idOf("network/7", "network"));
        assertEquals(400, assertThrows(OcciException.class, () -> ComputeOps.serverOf("/occi/network/42")).status());
    }
}
