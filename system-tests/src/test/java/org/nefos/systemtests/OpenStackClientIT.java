package org.nefos.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real OpenStack command-line client (Debian's python3-openstackclient, identity API v2.0) against
 * the gateway: password authentication with uuid and token, then the catalog. .ci/run installs the
 * client; without it the test is skipped and says why.
 */
@ExtendWith(SystemStackExtension.class)
class OpenStackClientIT {

    static final Path OPENSTACK = Path.of("/usr/bin/openstack");

    private final SystemStack stack;

    OpenStackClientIT(SystemStack stack) {
        this.stack = stack;
    }

    @Test
    void issuesATokenWithIdentityV2() throws Exception {
        JsonPath token = JsonPath.from(openstack("token", "issue", "-f", "json"));
        assertEquals(stack.demoToken, token.getString("id"));
        assertEquals(SystemStack.DEMO_UUID, token.getString("user_id"));
        assertEquals(SystemStack.DEMO_UUID, token.getString("project_id"));
    }

    @Test
    void listsTheWholeCatalog() throws Exception {
        JsonPath catalog = JsonPath.from(openstack("catalog", "list", "-f", "json"));
        List<String> types = catalog.getList("Type");
        assertEquals(11, types.size(), types.toString());
        assertTrue(types.contains("object-store") && types.contains("compute") && types.contains("identity"));
    }

    private String openstack(String... args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(OPENSTACK),
                "python3-openstackclient is not installed (.ci/run installs it from Debian)");
        List<String> command = new ArrayList<>(List.of(OPENSTACK.toString(),
                "--os-auth-type", "v2password",
                "--os-auth-url", stack.gatewayUrl() + "/identity/v2.0",
                "--os-identity-api-version", "2",
                "--os-username", SystemStack.DEMO_UUID,
                "--os-password", stack.demoToken,
                "--os-project-name", SystemStack.DEMO_UUID));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("openstack-", ".err");
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String err = Files.readString(errors);
        Files.deleteIfExists(errors);
        assertTrue(done, "openstack did not finish");
        assertEquals(0, p.exitValue(), "openstack " + String.join(" ", args) + " failed: " + err);
        return out;
    }
}
