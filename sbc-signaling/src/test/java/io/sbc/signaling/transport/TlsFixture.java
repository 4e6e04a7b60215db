package io.sbc.signaling.transport;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** Development certificates written as PEM into a test directory, and JDK (SunJSSE) client contexts. */
final class TlsFixture {
    final SelfSignedCertificates.Pair server = SelfSignedCertificates.forLocalhost();
    final SelfSignedCertificates.Pair client = SelfSignedCertificates.generate("pbx.example",
            java.util.List.of("127.0.0.1"), java.time.Duration.ofDays(1));
    final Path serverCert;
    final Path serverKey;
    final Path clientCert;
    final Path clientKey;

    TlsFixture(Path dir) throws IOException {
        serverCert = dir.resolve("server.crt");
        serverKey = dir.resolve("server.key");
        clientCert = dir.resolve("client.crt");
        clientKey = dir.resolve("client.key");
        server.writePem(serverCert, serverKey);
        client.writePem(clientCert, clientKey);
    }

    TlsSettings serverSettings(ClientAuthMode mode) {
        return new TlsSettings(serverCert, serverKey, mode, mode == ClientAuthMode.NONE ? null : clientCert);
    }

    /** A JDK client context trusting the server certificate, presenting the client one if asked. */
    SSLContext jdkClient(boolean presentCertificate) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (presentCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", client.privateKey(), new char[0], new X509Certificate[] {client.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static SSLSocket connect(SSLContext ctx, InetSocketAddress address, String protocol) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
        s.connect(address, 5000);
        s.setSoTimeout(5000);
        s.setEnabledProtocols(new String[] {protocol});
        s.startHandshake();
        return s;
    }
}
