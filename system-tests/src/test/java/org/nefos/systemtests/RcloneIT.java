package org.nefos.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * rclone's swift backend (Debian's rclone) against the gateway's object store: a folder tree goes up with
 * {@code rclone copy}, and {@code rclone check} (sizes and MD5 hashes) finds no difference.
 */
@ExtendWith(SystemStackExtension.class)
class RcloneIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final SystemStack stack;

    @TempDir
    Path dir;

    RcloneIT(SystemStack stack) {
        this.stack = stack;
    }

    @Test
    void copiesAFolderUpAndCheckFindsNoDifference() throws Exception {
        Path rclone = Cli.require("rclone", "rclone");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Random random = new Random(7);
        Files.writeString(tree.resolve("readme.txt"), "a folder synced by rclone\n");
        Files.createDirectories(tree.resolve("docs/deeper"));
        Files.writeString(tree.resolve("docs/a.txt"), "alpha\n");
        Files.writeString(tree.resolve("docs/deeper/b.txt"), "beta\n");
        byte[] big = new byte[6 * 1024 * 1024 + 17];
        random.nextBytes(big);
        Files.write(tree.resolve("docs/big.bin"), big);
        Files.write(tree.resolve("empty.dat"), new byte[0]);

        String remote = "nefos:rclone-" + UUID.randomUUID() + "/backup";
        Map<String, String> env = new HashMap<>();
        env.put("RCLONE_CONFIG", dir.resolve("rclone.conf").toString()); // no user config
        env.put("RCLONE_CONFIG_NEFOS_TYPE", "swift");
        env.put("RCLONE_CONFIG_NEFOS_AUTH", stack.gatewayUrl() + "/object-store/v1/");
        env.put("RCLONE_CONFIG_NEFOS_USER", SystemStack.DEMO_UUID);
        env.put("RCLONE_CONFIG_NEFOS_KEY", stack.demoToken);
        env.put("RCLONE_CONFIG_NEFOS_AUTH_VERSION", "1");

        Cli.Result mkdir = rclone(rclone, env, "mkdir", remote.substring(0, remote.indexOf('/')));
        assertEquals(0, mkdir.exit(), mkdir.all());
        Cli.Result copy = rclone(rclone, env, "copy", tree.toString(), remote);
        assertEquals(0, copy.exit(), "rclone copy: " + copy.all());
        Cli.Result check = rclone(rclone, env, "check", tree.toString(), remote);
        assertEquals(0, check.exit(), "rclone check: " + check.all());
        assertTrue(check.all().contains("0 differences found"), check.all());
        assertTrue(check.all().contains("5 matching files"), check.all());
        Cli.Result listing = rclone(rclone, env, "lsf", "-R", "--files-only", remote);
        assertEquals(List.of("docs/a.txt", "docs/big.bin", "docs/deeper/b.txt", "empty.dat", "readme.txt"),
                listing.out().lines().sorted().toList(), listing.all());
    }

    private static Cli.Result rclone(Path rclone, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(rclone.toString()));
        command.addAll(List.of(args));
        return Cli.run(command, env, TIMEOUT);
    }
}
