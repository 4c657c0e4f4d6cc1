package org.nefos.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs a third-party command-line client (a Debian package) in the compatibility tests. A client that is
 * not installed is installed with apt-get when that is possible (root, apt present); otherwise the test is
 * skipped and says which package it needs.
 */
final class Cli {

    /** What a run printed, and its exit status. */
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    /** Makes sure {@code executable} exists, installing {@code debianPackage} if needed, or skips the test. */
    static synchronized Path require(String executable, String debianPackage) throws Exception {
        Path found = which(executable);
        if (found == null && which("apt-get") != null && "root".equals(System.getProperty("user.name"))) {
            run(List.of("apt-get", "install", "-y", "-qq", debianPackage), Map.of("DEBIAN_FRONTEND", "noninteractive"),
                    Duration.ofMinutes(5));
            found = which(executable);
        }
        Assumptions.assumeTrue(found != null, executable + " is not installed and could not be installed"
                + " (needs the Debian package " + debianPackage + "; .ci/run installs it)");
        return found;
    }

    private static Path which(String executable) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(d -> Path.of(d, executable)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    static Result run(List<String> command, Map<String, String> env, Duration timeout) throws Exception {
        Path out = Files.createTempFile("cli-", ".out");
        Path err = Files.createTempFile("cli-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(done, String.join(" ", command) + " did not finish within " + timeout);
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
