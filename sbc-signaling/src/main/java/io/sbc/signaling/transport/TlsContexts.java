package io.sbc.signaling.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Builds Netty {@link SslContext}s on the Bouncy Castle JSSE provider (TLS 1.3 and 1.2 only) from
 * {@link TlsSettings}. Built once per listen point when the transport starts, then shared.
 */
public final class TlsContexts {
    /** TLS 1.3 first; 1.2 for older trunks and PBXs. Nothing older (RFC 8996). */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {}

    /** Server side of a TLS/WSS listen point, with client authentication as configured. */
    public static SslContext forServer(TlsSettings tls) throws IOException {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(keyManagers(tls))
                    .sslProvider(SslProvider.JDK)
                    .sslContextProvider(BouncyCastleProviders.jsse())
                    .protocols(PROTOCOLS)
                    .clientAuth(switch (tls.clientAuth()) {
                        case NONE -> ClientAuth.NONE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case REQUIRED -> ClientAuth.REQUIRE;
                    });
            if (tls.clientAuth() != ClientAuthMode.NONE) {
                builder.trustManager(trustManagers(tls.trustedCaPem()));
            }
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS server context for " + tls.certificateChainPem() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Client side for connections opened from a listen point: presents the listen point's certificate
     * when the server asks (mutual TLS towards a trunk), verifies the server against {@code trustPem}
     * (null: the JDK default trust store) and checks the server name or IP against the certificate
     * (Netty's default HTTPS endpoint identification).
     */
    public static SslContext forClient(TlsSettings ownIdentity, Path trustPem) throws IOException {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .sslContextProvider(BouncyCastleProviders.jsse())
                    .protocols(PROTOCOLS)
                    .endpointIdentificationAlgorithm("HTTPS")
                    .trustManager(trustManagers(trustPem));
            if (ownIdentity != null) {
                builder.keyManager(keyManagers(ownIdentity));
            }
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS client context: " + e.getMessage(), e);
        }
    }

    private static KeyManagerFactory keyManagers(TlsSettings tls) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = PemFiles.readCertificates(tls.certificateChainPem());
        PrivateKey key = PemFiles.readPrivateKey(tls.privateKeyPem());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("sip", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
        // java-stack.md §4: the PKIX KeyManagerFactory of BCJSSE over an in-memory PKCS12 store is the
        // combination verified with Netty's SslHandler on epoll.
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", BouncyCastleProviders.jsse());
        factory.init(store, NO_PASSWORD);
        return factory;
    }

    private static TrustManagerFactory trustManagers(Path caPem) throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", BouncyCastleProviders.jsse());
        if (caPem == null) {
            factory.init((KeyStore) null); // the JDK default trust store (cacerts)
            return factory;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (X509Certificate ca : PemFiles.readCertificates(caPem)) {
            store.setCertificateEntry("ca-" + n++, ca);
        }
        factory.init(store);
        return factory;
    }
}
