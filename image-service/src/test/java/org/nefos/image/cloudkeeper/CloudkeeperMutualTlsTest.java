package org.nefos.image.cloudkeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.nefos.image.cloudkeeper.grpc.CommunicatorGrpc;
import org.nefos.testing.ServiceStackResource;

/**
 * Mutual TLS on the Cloudkeeper port (grpc-occi-cloudkeeper.md D.1 item 7): the core, presenting its trusted
 * certificate, is served; a client without a certificate, or with one the server does not trust, is not.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "storage", value = "true"))
@WithTestResource(value = MutualTlsResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CloudkeeperMutualTlsTest {

    @Test
    void theCoreWithItsCertificateIsServed() throws Exception {
        ManagedChannel channel = channel(MutualTlsResource.coreKeys);
        try {
            assertEquals(Empty.getDefaultInstance(), CommunicatorGrpc.newBlockingStub(channel)
                    .preAction(Empty.getDefaultInstance()));
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientWithoutATrustedCertificateIsRefused() throws Exception {
        for (Path keys : new Path[] {null, MutualTlsResource.strangerKeys}) {
            ManagedChannel channel = channel(keys);
            try {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> CommunicatorGrpc
                        .newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .preAction(Empty.getDefaultInstance()));
                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), String.valueOf(e.getStatus()));
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A TLS channel trusting the server's certificate, presenting {@code keys} (none when null). */
    private static ManagedChannel channel(Path keys) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(MutualTlsResource.coreTrust));
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(trust);
        if (keys != null) {
            KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            km.init(load(keys), MutualTlsResource.PASSWORD.toCharArray());
            ssl.keyManager(km);
        }
        return NettyChannelBuilder.forAddress("127.0.0.1", MutualTlsResource.grpcPort).sslContext(ssl.build()).build();
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, MutualTlsResource.PASSWORD.toCharArray());
        }
        return ks;
    }
}
