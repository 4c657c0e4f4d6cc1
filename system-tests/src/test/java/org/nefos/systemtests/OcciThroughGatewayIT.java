package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12: the OCCI front end on the gateway drives the real services — the query interface, a whole
 * compute lifecycle through the text renderings and through OCCI JSON, a public IP as a networkinterface
 * link, and strict 400s for malformed requests.
 */
@ExtendWith(SystemStackExtension.class)
class OcciThroughGatewayIT {

    static final String INFRA = "http://schemas.ogf.org/occi/infrastructure#";
    static final String ACTIONS = "http://schemas.ogf.org/occi/infrastructure/compute/action#";
    static final String OS_TPL = "http://schemas.openstack.org/template/os#";
    static final String RESOURCE_TPL = "http://schemas.openstack.org/template/resource#";
    static final Duration WAIT = Duration.ofSeconds(90);

    private final SystemStack stack;

    OcciThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    private RequestSpecification occi() {
        return given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken)
                .header("User-Agent", "nefos-system-test OCCI/1.1")
                .config(RestAssuredConfig.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private String root() {
        return stack.gatewayUrl() + "/occi/";
    }

    private String image() {
        return given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken).get("/compute/v2.0/images")
                .then().statusCode(200).extract().jsonPath().getString("images[0].id");
    }

    private Map<String, Object> flavor() {
        List<Map<String, Object>> flavors = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken)
                .get("/compute/v2.0/flavors/detail").then().statusCode(200).extract().jsonPath().getList("flavors");
        return flavors.stream().filter(f -> Boolean.TRUE.equals(f.get("SNF:allow_create"))
                && ((Number) f.get("vcpus")).intValue() == 1).findFirst().orElseThrow();
    }

    @Test
    void theQueryInterfaceShowsKindsActionsAndLiveTemplates() {
        String body = occi().accept("text/plain").get("/occi/-/").then().statusCode(200)
                .header("Server", org.hamcrest.Matchers.containsString("OCCI/1.1")).extract().asString();
        assertTrue(body.contains("Category: compute; scheme=\"" + INFRA + "\"; class=\"kind\""), body);
        assertTrue(body.contains("location=\"" + root() + "compute/\""), body);
        assertTrue(body.contains("occi.compute.state{immutable}"), "attributes rendered: " + body);
        assertTrue(body.contains("actions=\"" + ACTIONS + "start " + ACTIONS + "stop " + ACTIONS + "restart\""), body);
        assertFalse(body.contains("suspend"), "Cyclades cannot suspend: not advertised");
        assertTrue(body.contains("Category: " + flavor().get("id") + "; scheme=\"" + RESOURCE_TPL + "\"; class=\"mixin\""), body);
        assertTrue(body.contains("Category: " + image() + "; scheme=\"" + OS_TPL + "\"; class=\"mixin\""), body);
        assertTrue(body.contains("Category: networkinterface; scheme=\"" + INFRA + "\"; class=\"kind\""), body);

        Response headers = occi().accept("text/occi").get("/occi/.well-known/org/ogf/occi/-/");
        assertEquals(200, headers.statusCode());
        assertEquals("OK", headers.asString());
        assertTrue(headers.getHeader("Category").contains("compute; scheme=\"" + INFRA + "\""));

        JsonPath json = occi().accept("application/occi+json").get("/occi/-/").then().statusCode(200).extract().jsonPath();
        Map<String, Object> compute = json.getMap("kinds.find { it.term == 'compute' }");
        assertEquals(root() + "compute/", compute.get("location"));
        assertEquals(false, json.get("kinds.find { it.term == 'compute' }.attributes.'occi.compute.state'.mutable"));
        assertTrue(json.getList("mixins.scheme").contains(OS_TPL));

        // filtering the query interface by Category
        String filtered = occi().accept("text/plain").header("Category", "start; scheme=\"" + ACTIONS + "\"; class=\"action\"")
                .get("/occi/-/").then().statusCode(200).extract().asString();
        assertEquals(1, filtered.lines().count(), filtered);
    }

    @Test
    void aComputeResourceLivesAndDiesThroughTheTextRenderings() {
        Map<String, Object> flavor = flavor();
        String title = "occi-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = occi().contentType("text/occi")
                .header("Category", "compute; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("Category", image() + "; scheme=\"" + OS_TPL + "\"; class=\"mixin\", " + flavor.get("id")
                        + "; scheme=\"" + RESOURCE_TPL + "\"; class=\"mixin\"")
                .header("X-OCCI-Attribute", "occi.core.title=\"" + title + "\"")
                .post("/occi/compute/");
        assertEquals(201, created.statusCode(), created.asString());
        String location = created.getHeader("Location");
        assertTrue(location.startsWith(root() + "compute/"), location);
        assertTrue(created.asString().contains("X-OCCI-Location: " + location));
        String path = location.substring(stack.gatewayUrl().length());

        String active = Poll.until(() -> occi().accept("text/plain").get(path).then().statusCode(200).extract().asString(),
                b -> b.contains("occi.compute.state=\"active\""), WAIT, "compute resource active");
        assertTrue(active.contains("X-OCCI-Attribute: occi.core.title=\"" + title + "\""), active);
        assertTrue(active.contains("X-OCCI-Attribute: occi.compute.cores=1"), active);
        double gib = ((Number) flavor.get("ram")).longValue() / 1024.0;
        assertTrue(active.contains("X-OCCI-Attribute: occi.compute.memory=" + gib), "memory in GiB: " + active);
        assertTrue(active.contains("occi.compute.hostname="), active);
        assertTrue(active.contains("?action=stop>"), active);
        assertFalse(active.contains("?action=start>"), "start is not applicable to an active resource: " + active);
        assertTrue(active.contains("Category: " + image() + "; scheme=\"" + OS_TPL + "\""), active);

        // start is not applicable now: 400, and nothing changes
        occi().contentType("text/occi").header("Category", "start; scheme=\"" + ACTIONS + "\"; class=\"action\"")
                .post(path + "?action=start").then().statusCode(400);
        occi().contentType("text/occi").post(path + "?action=suspend").then().statusCode(501);

        occi().contentType("text/occi").header("Category", "stop; scheme=\"" + ACTIONS + "\"; class=\"action\"")
                .header("X-OCCI-Attribute", "method=\"graceful\"").post(path + "?action=stop").then().statusCode(200);
        String stopped = Poll.until(() -> occi().accept("text/plain").get(path).then().statusCode(200).extract().asString(),
                b -> b.contains("occi.compute.state.message=\"STOPPED\""), WAIT, "compute resource stopped");
        assertTrue(stopped.contains("occi.compute.state=\"inactive\""), stopped);
        assertTrue(stopped.contains("?action=start>") && !stopped.contains("?action=stop>"), stopped);

        occi().contentType("text/plain").body("Category: start; scheme=\"" + ACTIONS + "\"; class=\"action\"\n")
                .post(path + "?action=start").then().statusCode(200);
        Poll.until(() -> occi().accept("text/occi").get(path).then().statusCode(200).extract().header("X-OCCI-Attribute"),
                h -> h.contains("occi.compute.state=\"active\""), WAIT, "compute resource active again");

        // partial update of the title, seen by the Cyclades API too
        occi().contentType("text/plain").body("X-OCCI-Attribute: occi.core.title=\"" + title + "-renamed\"\n")
                .post(path).then().statusCode(200);
        String id = path.substring(path.lastIndexOf('/') + 1);
        assertEquals(title + "-renamed", given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken)
                .get("/compute/v2.0/servers/" + id).then().statusCode(200).extract().jsonPath().getString("server.name"));

        String list = occi().accept("text/uri-list").get("/occi/compute/").then().statusCode(200).extract().asString();
        assertTrue(list.lines().anyMatch(location::equals), list);
        // OCCI 1.2 pagination: pages of one, an empty page past the end, 413 for too large a page
        long members = list.lines().count();
        String firstPage = occi().accept("text/uri-list").get("/occi/compute/?page=1&number=1").then().statusCode(200)
                .extract().asString();
        assertEquals(1, firstPage.lines().count(), firstPage);
        assertEquals("", occi().accept("text/uri-list").get("/occi/compute/?page=" + (members + 1) + "&number=1")
                .then().statusCode(200).extract().asString());
        occi().get("/occi/compute/?number=100000").then().statusCode(413);
        occi().get("/occi/compute/?page=0").then().statusCode(400);

        occi().delete(path).then().statusCode(200);
        Poll.until(() -> occi().accept("text/plain").get(path).statusCode(), s -> s == 404, WAIT, "compute resource gone");
    }

    @Test
    void aComputeResourceLivesAndDiesThroughOcciJson() {
        String body = "{\"kind\": \"" + INFRA + "compute\", \"mixins\": [\"" + OS_TPL + image() + "\", \""
                + RESOURCE_TPL + flavor().get("id") + "\"], \"attributes\": {\"occi.core.title\": \"occi-json\"}}";
        Response created = occi().contentType("application/occi+json").accept("application/occi+json").body(body)
                .post("/occi/compute/");
        assertEquals(201, created.statusCode(), created.asString());
        String location = created.getHeader("Location");
        assertEquals(List.of(location), created.jsonPath().getList("locations"));
        String path = location.substring(stack.gatewayUrl().length());

        JsonPath active = Poll.until(() -> occi().accept("application/occi+json").get(path).then().statusCode(200)
                .extract().jsonPath(), j -> "active".equals(j.getString("attributes.'occi.compute.state'")), WAIT,
                "JSON compute resource active");
        assertEquals(INFRA + "compute", active.getString("kind"));
        assertEquals(location, active.getString("location"));
        assertEquals(List.of(ACTIONS + "stop", ACTIONS + "restart"), active.getList("actions"));

        occi().contentType("application/occi+json").body("{\"action\": \"" + ACTIONS + "stop\"}")
                .post(path + "?action=stop").then().statusCode(200);
        Poll.until(() -> occi().accept("application/occi+json").get(path).then().statusCode(200).extract().jsonPath(),
                j -> "STOPPED".equals(j.getString("attributes.'occi.compute.state.message'")), WAIT, "JSON resource stopped");
        occi().contentType("application/occi+json").body("{\"action\": \"" + ACTIONS + "start\"}")
                .post(path + "?action=start").then().statusCode(200);
        Poll.until(() -> occi().accept("application/occi+json").get(path).then().statusCode(200).extract().jsonPath(),
                j -> "active".equals(j.getString("attributes.'occi.compute.state'")), WAIT, "JSON resource active again");

        JsonPath collection = occi().accept("application/occi+json").get("/occi/compute/").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(collection.getList("resources.location").contains(location));

        occi().accept("application/occi+json").delete(path).then().statusCode(200);
        Poll.until(() -> occi().get(path).statusCode(), s -> s == 404, WAIT, "JSON resource gone");
    }

    @Test
    void aPublicIpIsANetworkInterfaceLinkToThePublicNetwork() {
        JsonPath networks = occi().accept("application/occi+json").get("/occi/network/").then().statusCode(200)
                .extract().jsonPath();
        String publicNet = networks.getString("resources.find { it.attributes.'org.nefos.network.public' == true }.location");
        assertNotNull(publicNet, "a public network is listed: " + networks.prettify());

        Response created = occi().contentType("text/occi")
                .header("Category", "compute; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("Category", image() + "; scheme=\"" + OS_TPL + "\"; class=\"mixin\"")
                .header("Category", flavor().get("id") + "; scheme=\"" + RESOURCE_TPL + "\"; class=\"mixin\"")
                .post("/occi/compute/");
        assertEquals(201, created.statusCode(), created.asString());
        String compute = created.getHeader("Location");
        String computePath = compute.substring(stack.gatewayUrl().length());
        Poll.until(() -> occi().get(computePath).then().extract().asString(),
                b -> b.contains("occi.compute.state=\"active\""), WAIT, "server active");

        Response link = occi().contentType("text/occi")
                .header("Category", "networkinterface; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("X-OCCI-Attribute", "occi.core.source=\"" + compute + "\", occi.core.target=\"" + publicNet + "\"")
                .post("/occi/networklink/");
        assertEquals(201, link.statusCode(), link.asString());
        String linkPath = link.getHeader("Location").substring(stack.gatewayUrl().length());
        JsonPath rendered = occi().accept("application/occi+json").get(linkPath).then().statusCode(200).extract().jsonPath();
        String address = rendered.getString("attributes.'occi.networkinterface.address'");
        assertNotNull(address);
        assertEquals("compute/" + compute.substring(compute.lastIndexOf('/') + 1), rendered.getString("attributes.'occi.core.source'"));
        String serverId = compute.substring(compute.lastIndexOf('/') + 1);
        JsonPath fips = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken)
                .get("/network/v2.0/floatingips").then().statusCode(200).extract().jsonPath();
        assertEquals(serverId, fips.getString("floatingips.find { it.floating_ip_address == '" + address + "' }.instance_id"),
                "the floating IP is attached to the server: " + fips.prettify());
        // compute keeps a view of its ports (network.port.events): the resource renders the interface link
        String withLink = Poll.until(() -> occi().get(computePath).then().statusCode(200).extract().asString(),
                b -> b.contains("occi.networkinterface.address=\"" + address + "\""), WAIT, "interface link on the server");
        assertTrue(withLink.contains("Link: <" + publicNet + ">; rel=\"" + INFRA + "network\"; self=\"" + root()
                + linkPath.substring("/occi/".length()) + "\""), withLink);
        assertTrue(withLink.contains("occi.networkinterface.allocation=\"static\""), "a floating IP: " + withLink);

        occi().delete(linkPath).then().statusCode(200);
        occi().delete(computePath).then().statusCode(200);
        Poll.until(() -> occi().get(computePath).statusCode(), s -> s == 404, WAIT, "server gone");
    }

    @Test
    void malformedAndUnsupportedRequestsGetClearErrors() {
        String kind = "compute; scheme=\"" + INFRA + "\"; class=\"kind\"";
        // strict parsing: 400 with a readable message
        for (String[] bad : new String[][] {
                {"Category", "compute; class=\"kind\""},
                {"Category", "compute; scheme=\"" + INFRA + "\"; class=\"gadget\""},
                {"X-OCCI-Attribute", "occi.core.title=unquoted"},
                {"Link", "no-angle-brackets; rel=\"" + INFRA + "network\""}}) {
            Response r = occi().contentType("text/occi").header(bad[0], bad[1]).post("/occi/compute/");
            assertEquals(400, r.statusCode(), bad[1] + " -> " + r.asString());
            assertFalse(r.asString().isBlank());
        }
        Response noTemplate = occi().contentType("text/occi").header("Category", kind).post("/occi/compute/");
        assertEquals(400, noTemplate.statusCode());
        assertTrue(noTemplate.asString().contains("os_tpl"), noTemplate.asString());
        occi().contentType("text/plain").body("this is not a rendering\n").post("/occi/compute/").then().statusCode(400);
        occi().contentType("application/occi+json").body("{\"kind\": ").post("/occi/compute/").then().statusCode(400);
        occi().contentType("text/occi").header("Category", "networkinterface; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("X-OCCI-Attribute", "occi.core.source=\"/occi/network/1\"")
                .post("/occi/networklink/").then().statusCode(400);
        occi().accept("text/uri-list").get("/occi/-/").then().statusCode(400);

        // the rest of the error vocabulary
        Response anonymous = given().baseUri(stack.gatewayUrl()).get("/occi/compute/");
        assertEquals(401, anonymous.statusCode());
        assertEquals("Keystone uri='" + stack.gatewayUrl() + "/identity/v2.0'", anonymous.getHeader("WWW-Authenticate"));
        occi().accept("image/png").get("/occi/compute/").then().statusCode(406);
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken).header("User-Agent", "future OCCI/2.0")
                .get("/occi/compute/").then().statusCode(501);
        occi().get("/occi/compute/999999999").then().statusCode(404);
        occi().get("/occi/nothing-here").then().statusCode(404);
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", "not-a-token").get("/occi/compute/").then().statusCode(401);
    }

    private String createCompute(String... extraHeaders) {
        return createComputeOf(flavor().get("id"), extraHeaders);
    }

    /** A flavor of a disk template whose volumes can be attached and detached (burnin's choice). */
    private Object detachableFlavor() {
        List<Map<String, Object>> flavors = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken)
                .get("/compute/v2.0/flavors/detail").then().statusCode(200).extract().jsonPath().getList("flavors");
        return flavors.stream().filter(f -> Boolean.TRUE.equals(f.get("SNF:allow_create"))
                && String.valueOf(f.get("name")).endsWith("ext_archipelago")).findFirst().orElseThrow().get("id");
    }

    private String createComputeOf(Object flavorId, String... extraHeaders) {
        RequestSpecification r = occi().contentType("text/occi")
                .header("Category", "compute; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("Category", image() + "; scheme=\"" + OS_TPL + "\"; class=\"mixin\"")
                .header("Category", flavorId + "; scheme=\"" + RESOURCE_TPL + "\"; class=\"mixin\"");
        for (int i = 0; i < extraHeaders.length; i += 2) {
            r = r.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        Response created = r.post("/occi/compute/");
        assertEquals(201, created.statusCode(), created.asString());
        String location = created.getHeader("Location");
        String path = location.substring(stack.gatewayUrl().length());
        Poll.until(() -> occi().get(path).then().extract().asString(), b -> b.contains("occi.compute.state=\"active\""),
                WAIT, "server active");
        return location;
    }

    @Test
    void contextualisationImportsThePublicKeyAndPassesUserData() {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVzZXJkYXRhLXRlc3Qta2V5LWZvci1uZWZvcy1vY2Np occi@test";
        String name = "occi-key-" + UUID.randomUUID().toString().substring(0, 8);
        String userData = java.util.Base64.getEncoder().encodeToString("#cloud-config\nhostname: occi\n".getBytes());
        String location = createCompute(
                "Category", "public_key; scheme=\"http://schemas.openstack.org/instance/credentials#\"; class=\"mixin\"",
                "Category", "user_data; scheme=\"http://schemas.openstack.org/compute/instance#\"; class=\"mixin\"",
                "X-OCCI-Attribute", "org.openstack.credentials.publickey.name=\"" + name + "\", "
                        + "org.openstack.credentials.publickey.data=\"" + key + "\", "
                        + "org.openstack.compute.user_data=\"" + userData + "\"");
        String id = location.substring(location.lastIndexOf('/') + 1);
        RequestSpecification cyclades = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken);
        assertEquals(name, cyclades.get("/compute/v2.0/servers/" + id).then().statusCode(200).extract().jsonPath()
                .getString("server.key_name"));
        assertEquals(key, given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken)
                .get("/compute/v2.0/os-keypairs/" + name).then().statusCode(200).extract().jsonPath()
                .getString("keypair.public_key"));
        // user data that is not base64 is refused before anything is created
        occi().contentType("text/occi").header("Category", "compute; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("Category", image() + "; scheme=\"" + OS_TPL + "\"; class=\"mixin\"")
                .header("Category", flavor().get("id") + "; scheme=\"" + RESOURCE_TPL + "\"; class=\"mixin\"")
                .header("X-OCCI-Attribute", "occi.compute.userdata=\"not base64!\"")
                .post("/occi/compute/").then().statusCode(400);
        occi().delete(location.substring(stack.gatewayUrl().length())).then().statusCode(200);
    }

    @Test
    void aPrivateNetworkWithItsSubnetAndAPublicIpThatMovesToAnotherServer() {
        Response net = occi().contentType("text/occi")
                .header("Category", "network; scheme=\"" + INFRA + "\"; class=\"kind\", ipnetwork; scheme=\""
                        + "http://schemas.ogf.org/occi/infrastructure/network#\"; class=\"mixin\"")
                .header("X-OCCI-Attribute", "occi.core.title=\"occi-private\", occi.network.address=\"10.77.0.0/24\"")
                .post("/occi/network/");
        assertEquals(201, net.statusCode(), net.asString());
        String netPath = net.getHeader("Location").substring(stack.gatewayUrl().length());
        String rendered = occi().get(netPath).then().statusCode(200).extract().asString();
        assertTrue(rendered.contains("occi.network.address=\"10.77.0.0/24\""), rendered);
        // a malformed CIDR is refused by Cyclades, and the half-made network is taken back
        int before = occi().accept("application/occi+json").get("/occi/network/").then().extract().jsonPath()
                .getList("resources").size();
        occi().contentType("text/occi")
                .header("Category", "network; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("X-OCCI-Attribute", "occi.network.address=\"10.77.0.0/33\"")
                .post("/occi/network/").then().statusCode(400);
        Poll.until(() -> occi().accept("application/occi+json").get("/occi/network/").then().extract().jsonPath()
                .getList("resources").size(), n -> n == before, WAIT, "no network left behind");

        String first = createCompute();
        String second = createCompute();
        String publicNet = occi().accept("application/occi+json").get("/occi/network/").then().statusCode(200)
                .extract().jsonPath().getString("resources.find { it.attributes.'org.nefos.network.public' == true }.location");
        Response link = occi().contentType("text/occi")
                .header("Category", "networkinterface; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("X-OCCI-Attribute", "occi.core.source=\"" + first + "\", occi.core.target=\"" + publicNet + "\"")
                .post("/occi/networklink/");
        assertEquals(201, link.statusCode(), link.asString());
        String linkPath = link.getHeader("Location").substring(stack.gatewayUrl().length());
        String address = occi().accept("application/occi+json").get(linkPath).then().statusCode(200).extract().jsonPath()
                .getString("attributes.'occi.networkinterface.address'");

        // re-association: the same address now on the second server
        Response moved = occi().contentType("text/plain").accept("application/occi+json")
                .body("X-OCCI-Attribute: occi.core.source=\"" + second + "\"\n").post(linkPath);
        assertEquals(200, moved.statusCode(), moved.asString());
        String secondId = second.substring(second.lastIndexOf('/') + 1);
        assertEquals("compute/" + secondId, moved.jsonPath().getString("attributes.'occi.core.source'"));
        assertEquals(address, moved.jsonPath().getString("attributes.'occi.networkinterface.address'"));

        // a private link too
        Response priv = occi().contentType("text/occi")
                .header("Category", "networkinterface; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("X-OCCI-Attribute", "occi.core.source=\"" + first + "\", occi.core.target=\"" + root()
                        + netPath.substring("/occi/".length()) + "\"")
                .post("/occi/networklink/");
        assertEquals(201, priv.statusCode(), priv.asString());
        String privAddress = occi().accept("application/occi+json")
                .get(priv.getHeader("Location").substring(stack.gatewayUrl().length())).then().statusCode(200)
                .extract().jsonPath().getString("attributes.'occi.networkinterface.address'");
        assertTrue(privAddress.startsWith("10.77.0."), privAddress);

        occi().delete(first.substring(stack.gatewayUrl().length())).then().statusCode(200);
        occi().delete(second.substring(stack.gatewayUrl().length())).then().statusCode(200);
    }


    @Test
    void aVolumeIsStorageAttachedThroughAStoragelink() {
        String compute = createComputeOf(detachableFlavor());
        String computePath = compute.substring(stack.gatewayUrl().length());
        Response created = occi().contentType("text/occi")
                .header("Category", "storage; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("X-OCCI-Attribute", "occi.core.title=\"occi-disk\", occi.storage.size=1")
                .post("/occi/storage/");
        assertEquals(201, created.statusCode(), created.asString());
        String storage = created.getHeader("Location");
        String storagePath = storage.substring(stack.gatewayUrl().length());
        Poll.until(() -> occi().get(storagePath).then().statusCode(200).extract().asString(),
                b -> b.contains("occi.storage.state.message=\"available\""), WAIT, "volume available");
        occi().contentType("text/occi").header("Category", "storage; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("X-OCCI-Attribute", "occi.storage.size=0").post("/occi/storage/").then().statusCode(400);

        Response link = occi().contentType("text/occi")
                .header("Category", "storagelink; scheme=\"" + INFRA + "\"; class=\"kind\"")
                .header("X-OCCI-Attribute", "occi.core.source=\"" + compute + "\", occi.core.target=\"" + storage + "\"")
                .post("/occi/storagelink/");
        assertEquals(201, link.statusCode(), link.asString());
        String linkPath = link.getHeader("Location").substring(stack.gatewayUrl().length());
        Poll.until(() -> occi().get(linkPath).then().statusCode(200).extract().asString(),
                b -> b.contains("occi.storagelink.state=\"active\""), WAIT, "volume attached");
        String rendered = occi().get(computePath).then().statusCode(200).extract().asString();
        assertTrue(rendered.contains("Link: <" + storage + ">; rel=\"" + INFRA + "storage\"; self=\"" + root()
                + linkPath.substring("/occi/".length()) + "\""), rendered);

        occi().delete(linkPath).then().statusCode(200);
        Poll.until(() -> occi().get(storagePath).then().statusCode(200).extract().asString(),
                b -> b.contains("occi.storage.state.message=\"available\""), WAIT, "volume detached");
        occi().delete(storagePath).then().statusCode(200);
        Poll.until(() -> occi().get(storagePath).statusCode(), s -> s == 404, WAIT, "volume gone");
        occi().delete(computePath).then().statusCode(200);
    }

}
