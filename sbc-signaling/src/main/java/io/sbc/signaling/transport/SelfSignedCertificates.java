package io.sbc.signaling.transport;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Development certificates: an EC P-256 key and a self-signed certificate whose subjectAltName
 * lists the given DNS names and IP addresses, made at run time (the first call costs about 300 ms of
 * class loading). Not for production: peers cannot verify it without pinning it as a CA.
 */
public final class SelfSignedCertificates {
    private SelfSignedCertificates() {}

    /** A generated key and certificate. */
    public record Pair(PrivateKey privateKey, X509Certificate certificate) {

        /**
         * Writes {@code certificate} and {@code privateKey} (PKCS#8) as PEM; the key file gets mode
         * 0600 where the file system supports POSIX permissions. Returns TLS settings using them
         * (no client authentication).
         */
        public TlsSettings writePem(Path certificateFile, Path privateKeyFile) throws IOException {
            writePemObject(certificateFile, certificate);
            try {
                writePemObject(privateKeyFile, new JcaPKCS8Generator(privateKey, null)); // PRIVATE KEY (PKCS#8)
            } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
                throw new IOException("cannot encode the private key as PKCS#8", e);
            }
            try {
                Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system; the caller controls the directory's permissions.
            }
            return TlsSettings.of(certificateFile, privateKeyFile);
        }
    }

    /**
     * Generates a pair valid from now for {@code validity}.
     *
     * @param commonName subject CN (also added as a DNS name)
     * @param sanNames   extra subjectAltNames: IP literals become iPAddress entries, others dNSName
     */
    public static Pair generate(String commonName, List<String> sanNames, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)), subject, keys.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, commonName));
            for (String name : sanNames) {
                names.add(isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
                        : new GeneralName(GeneralName.dNSName, name));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
            // A self-signed development certificate also acts as its own CA for peers that pin it.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Pair(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot generate a self-signed EC P-256 certificate", e);
        }
    }

    /** A pair for {@code localhost}, 127.0.0.1 and ::1, valid for 30 days. */
    public static Pair forLocalhost() {
        return generate("localhost", List.of("127.0.0.1", "::1"), Duration.ofDays(30));
    }

    private static boolean isIpLiteral(String name) {
        if (name.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    private static void writePemObject(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
