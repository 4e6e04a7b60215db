package io.sbc.signaling.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PemFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsGeneratedPkcs8KeyAndCertificateWithSubjectAltNames() throws Exception {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.forLocalhost();
        TlsSettings tls = pair.writePem(dir.resolve("c.pem"), dir.resolve("k.pem"));
        assertTrue(Files.readString(tls.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----"));
        PrivateKey key = PemFiles.readPrivateKey(tls.privateKeyPem());
        assertEquals(((java.security.interfaces.ECPrivateKey) pair.privateKey()).getS(),
                ((java.security.interfaces.ECPrivateKey) key).getS());
        X509Certificate cert = PemFiles.readCertificates(tls.certificateChainPem()).get(0);
        assertEquals(pair.certificate(), cert);
        assertEquals("EC", cert.getPublicKey().getAlgorithm());
        List<String> sans = cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList();
        assertTrue(sans.containsAll(List.of("localhost", "127.0.0.1")), sans.toString());
        assertTrue(sans.stream().anyMatch(s -> s.startsWith("0:0:0:0:0:0:0:1")), sans.toString());
    }

    @Test
    void readsOpensslTraditionalEcAndRsaKeysMatchingTheirCertificates() throws Exception {
        for (String algorithm : List.of("ec", "rsa")) {
            PrivateKey key = PemFiles.readPrivateKey(resource(algorithm + "-traditional.key"));
            X509Certificate cert = PemFiles.readCertificates(resource(algorithm + ".crt")).get(0);
            assertEquals(algorithm.toUpperCase(java.util.Locale.ROOT), key.getAlgorithm());
            java.security.Signature signer = java.security.Signature.getInstance(
                    algorithm.equals("ec") ? "SHA256withECDSA" : "SHA256withRSA");
            signer.initSign(key);
            signer.update(new byte[] {1, 2, 3});
            byte[] signature = signer.sign();
            signer.initVerify(cert.getPublicKey());
            signer.update(new byte[] {1, 2, 3});
            assertTrue(signer.verify(signature), algorithm + " key matches its certificate");
        }
    }

    static Path resource(String name) throws Exception {
        return Path.of(PemFilesTest.class.getResource("pem/" + name).toURI());
    }

    @Test
    void reportsFileWithoutKeyOrCertificateByName() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a pem file\n");
        IOException keyError = assertThrows(IOException.class, () -> PemFiles.readPrivateKey(junk));
        assertTrue(keyError.getMessage().contains("junk.pem"));
        IOException certError = assertThrows(IOException.class, () -> PemFiles.readCertificates(junk));
        assertTrue(certError.getMessage().contains("no CERTIFICATE"));
        assertFalse(keyError.getMessage().contains("BEGIN"));
    }

    @Test
    void buildsServerAndClientContextsOnBouncyCastleJsse() throws Exception {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.forLocalhost();
        TlsSettings tls = pair.writePem(dir.resolve("c.pem"), dir.resolve("k.pem"));
        TlsSettings mutual = new TlsSettings(tls.certificateChainPem(), tls.privateKeyPem(), ClientAuthMode.REQUIRED,
                tls.certificateChainPem());
        assertTrue(TlsContexts.forServer(mutual).isServer());
        assertTrue(TlsContexts.forClient(tls, null).isClient());
        javax.net.ssl.SSLEngine engine = TlsContexts.forServer(tls).newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
        assertTrue(engine.getClass().getName().startsWith("org.bouncycastle.jsse.provider.ProvSSLEngine"),
                engine.getClass().getName());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(engine.getEnabledProtocols()));
    }
}
