package org.nefos.compute.backend;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import org.nefos.compute.config.ComputeConfig;

/**
 * The simulated backend's VNC endpoint: speaks RFB 3.8 up to ServerInit with VNC authentication against
 * one-time console passwords, so clients that check the console (burnin) succeed. No framebuffer updates.
 */
@Singleton
public class VncConsoleServer {

    private static final Duration PASSWORD_TTL = Duration.ofMinutes(5);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    Vertx vertx;

    @Inject
    ComputeConfig config;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> passwords = new ConcurrentHashMap<>();
    private NetServer server;
    private volatile int port;

    void start(@Observes StartupEvent event) {
        server = vertx.createNetServer().connectHandler(this::session);
        server.listen(config.console().port()).toCompletionStage().toCompletableFuture().join();
        port = server.actualPort();
        Log.infof("simulated VNC console on port %d", port);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }

    public String host() {
        return config.console().host();
    }

    public int port() {
        return port;
    }

    /** A fresh one-time password for one console session (8 characters, the VNC maximum). */
    public String issuePassword() {
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Instant now = Instant.now();
        passwords.values().removeIf(expiry -> expiry.isBefore(now));
        passwords.put(pw.toString(), now.plus(PASSWORD_TTL));
        return pw.toString();
    }

    private void session(NetSocket socket) {
        byte[] challenge = new byte[16];
        random.nextBytes(challenge);
        Session s = new Session(socket, challenge);
        socket.handler(s::receive);
        socket.write(Buffer.buffer("RFB 003.008\n"));
    }

    private final class Session {
        private final NetSocket socket;
        private final byte[] challenge;
        private Buffer pending = Buffer.buffer();
        private int step;

        Session(NetSocket socket, byte[] challenge) {
            this.socket = socket;
            this.challenge = challenge;
        }

        void receive(Buffer data) {
            pending.appendBuffer(data);
            boolean progressed = true;
            while (progressed) {
                progressed = advance();
            }
        }

        private boolean advance() {
            int need = switch (step) {
                case 0 -> 12; // client protocol version
                case 1 -> 1;  // chosen security type
                case 2 -> 16; // challenge response
                case 3 -> 1;  // ClientInit
                default -> Integer.MAX_VALUE;
            };
            if (pending.length() < need) {
                return false;
            }
            Buffer msg = pending.getBuffer(0, need);
            pending = pending.getBuffer(need, pending.length());
            switch (step) {
                case 0 -> socket.write(Buffer.buffer(new byte[] {1, 2}));
                case 1 -> {
                    if (msg.getByte(0) != 2) {
                        fail("unsupported security type");
                        return false;
                    }
                    socket.write(Buffer.buffer(challenge));
                }
                case 2 -> {
                    if (!authenticated(msg.getBytes())) {
                        fail("authentication failed");
                        return false;
                    }
                    socket.write(Buffer.buffer().appendInt(0));
                }
                case 3 -> socket.write(serverInit());
                default -> {
                }
            }
            step++;
            return true;
        }

        private boolean authenticated(byte[] response) {
            Instant now = Instant.now();
            for (Map.Entry<String, Instant> e : passwords.entrySet()) {
                if (e.getValue().isAfter(now) && Arrays.equals(VncAuth.response(e.getKey(), challenge), response)) {
                    passwords.remove(e.getKey());
                    return true;
                }
            }
            return false;
        }

        private void fail(String reason) {
            socket.write(Buffer.buffer().appendInt(1).appendInt(reason.length()).appendString(reason));
            socket.close();
            step = 99;
        }

        private Buffer serverInit() {
            String name = "nefos";
            return Buffer.buffer().appendShort((short) 640).appendShort((short) 480)
                    .appendBytes(new byte[] {32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0})
                    .appendInt(name.length()).appendString(name);
        }
    }
}
