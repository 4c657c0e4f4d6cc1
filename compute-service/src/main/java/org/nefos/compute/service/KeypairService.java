package org.nefos.compute.service;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.Keypair;
import org.nefos.compute.repository.KeypairRepository;
import org.nefos.platform.fault.FaultException;

/** SSH keypairs (cyclades-api.md 2.12): import a public key or have an RSA-2048 pair generated. */
@ApplicationScoped
public class KeypairService {

    /** A created keypair; {@code privateKey} only when generated. */
    public record Created(Keypair keypair, String privateKey) {
    }

    /** Upstream answers this one as a plain-text 500. */
    public static class TooManyKeys extends RuntimeException {
        public TooManyKeys() {
            super("SSH keys limit exceeded", null, false, false);
        }
    }

    @Inject
    Pool pool;

    @Inject
    KeypairRepository keypairs;

    @Inject
    ComputeConfig config;

    public Uni<List<Keypair>> list(String userId) {
        return keypairs.list(pool, userId);
    }

    public Uni<Keypair> get(String userId, String name) {
        return keypairs.find(pool, userId, name).map(k -> {
            if (k == null) {
                throw FaultException.notFound("KeyPair not found.");
            }
            return k;
        });
    }

    public Uni<Created> create(String userId, String name, String publicKey) {
        if (name == null || name.isBlank() || !name.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw FaultException.badRequest("Invalid name format");
        }
        String privateKey = null;
        String key = publicKey;
        if (key == null) {
            KeyPair pair = generate();
            key = openSsh((RSAPublicKey) pair.getPublic());
            privateKey = pem(pair.getPrivate().getEncoded());
        }
        String pub = key;
        String priv = privateKey;
        return keypairs.count(pool, userId).chain(n -> {
            if (n >= config.maxKeypairs()) {
                throw new TooManyKeys();
            }
            return keypairs.insert(pool, userId, name, pub, fingerprint(pub));
        }).chain(inserted -> {
            if (!inserted) {
                throw FaultException.conflict("KeyPair " + name + " already exists.");
            }
            return keypairs.find(pool, userId, name);
        }).map(k -> new Created(k, priv));
    }

    public Uni<Void> delete(String userId, String name) {
        return keypairs.delete(pool, userId, name).invoke(found -> {
            if (!found) {
                throw FaultException.notFound("KeyPair not found.");
            }
        }).replaceWithVoid();
    }

    /** MD5 of the key blob as colon-separated hex, or {@code unknown fingerprint}. */
    static String fingerprint(String publicKey) {
        try {
            String[] parts = publicKey.trim().split("\\s+");
            byte[] blob = Base64.getDecoder().decode(parts.length > 1 ? parts[1] : parts[0]);
            byte[] md5 = MessageDigest.getInstance("MD5").digest(blob);
            StringBuilder b = new StringBuilder();
            for (byte x : md5) {
                if (b.length() > 0) {
                    b.append(':');
                }
                b.append(String.format("%02x", x & 0xff));
            }
            return b.toString();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return "unknown fingerprint";
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    static String openSsh(RSAPublicKey key) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            byte[] type = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(type.length);
            out.write(type);
            writeMpint(out, key.getPublicExponent());
            writeMpint(out, key.getModulus());
            return "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " nefos-generated";
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void writeMpint(DataOutputStream out, BigInteger v) throws IOException {
        byte[] b = v.toByteArray();
        out.writeInt(b.length);
        out.write(b);
    }

    private static String pem(byte[] pkcs8) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
