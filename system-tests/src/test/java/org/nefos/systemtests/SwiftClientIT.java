package org.nefos.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Swift command-line client (Debian's python3-swiftclient) against the gateway's object store:
 * once with a pre-authenticated storage URL and token, once logging in with Pithos' v1.0 auth
 * (X-Auth-User / X-Auth-Key at {@code /object-store/v1/}).
 *
 * <p>Known gap: a plain {@code swift upload} sends no {@code Content-Type}, and storage-service answers
 * 411 as the Pithos spec says (a Swift server would guess one). Until storage defaults the type, the
 * uploads here pass one with {@code -H}, as users must.
 */
@ExtendWith(SystemStackExtension.class)
class SwiftClientIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final SystemStack stack;

    @TempDir
    Path dir;

    SwiftClientIT(SystemStack stack) {
        this.stack = stack;
    }

    @Test
    void swiftWithAPreAuthenticatedStorageUrl() throws Exception {
        exercise(List.of("--os-storage-url", stack.gatewayUrl() + "/object-store/v1/" + SystemStack.DEMO_UUID,
                "--os-auth-token", stack.demoToken));
    }

    @Test
    void swiftWithPithosV1Auth() throws Exception {
        exercise(List.of("-V", "1.0", "-A", stack.gatewayUrl() + "/object-store/v1/", "-U", SystemStack.DEMO_UUID,
                "-K", stack.demoToken));
    }

    private void exercise(List<String> auth) throws Exception {
        Path swift = Cli.require("swift", "python3-swiftclient");
        String container = "swift-" + UUID.randomUUID();
        byte[] small = "hello from swift\n".getBytes();
        byte[] big = new byte[4 * 1024 * 1024 + 1024 * 1024 + 123]; // more than one 4 MiB Pithos block
        new Random(42).nextBytes(big);
        Path smallFile = Files.write(dir.resolve("small.txt"), small);
        Path bigFile = Files.write(dir.resolve("big.bin"), big);

        ok(swift, auth, "post", container);
        ok(swift, auth, "upload", "-H", "Content-Type: text/plain", "--object-name", "small.txt", container,
                smallFile.toString());
        ok(swift, auth, "upload", "-H", "Content-Type: application/octet-stream", "--object-name", "dir/big.bin",
                container, bigFile.toString());

        List<String> listed = ok(swift, auth, "list", container).out().lines().toList();
        assertEquals(List.of("dir/big.bin", "small.txt"), listed);

        String stat = ok(swift, auth, "stat", container, "dir/big.bin").out();
        assertTrue(stat.matches("(?s).*ETag: " + md5(big) + "\\b.*"), "ETag is the MD5 of the bytes: " + stat);
        assertTrue(stat.matches("(?s).*Content Length: " + big.length + "\\b.*"), stat);

        Path back = dir.resolve("back.bin");
        ok(swift, auth, "download", container, "dir/big.bin", "-o", back.toString());
        assertArrayEquals(sha256(big), sha256(Files.readAllBytes(back)), "downloaded bytes are the uploaded ones");
        Path backSmall = dir.resolve("back.txt");
        ok(swift, auth, "download", container, "small.txt", "-o", backSmall.toString());
        assertArrayEquals(small, Files.readAllBytes(backSmall));

        ok(swift, auth, "delete", container, "small.txt");
        assertEquals(List.of("dir/big.bin"), ok(swift, auth, "list", container).out().lines().toList());
        ok(swift, auth, "delete", container, "dir/big.bin");
        assertFalse(ok(swift, auth, "list", container).out().contains("big.bin"));
    }

    private Cli.Result ok(Path swift, List<String> auth, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(swift.toString());
        command.addAll(auth);
        command.addAll(List.of(args));
        Cli.Result r = Cli.run(command, Map.of(), TIMEOUT);
        assertEquals(0, r.exit(), "swift " + String.join(" ", args) + " failed: " + r.all());
        return r;
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
