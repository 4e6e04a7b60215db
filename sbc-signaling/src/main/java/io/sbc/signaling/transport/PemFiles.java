package io.sbc.signaling.transport;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads certificates and private keys from PEM files with Bouncy Castle's {@link PEMParser}.
 * Keys: PKCS#8 {@code PRIVATE KEY} and the traditional OpenSSL forms {@code EC PRIVATE KEY} and
 * {@code RSA PRIVATE KEY}. Encrypted keys are refused with a message saying so. Errors name the file
 * and never include key material.
 */
public final class PemFiles {
    /** PEM files for TLS are small; a bigger one is a configuration mistake. */
    private static final long MAX_PEM_BYTES = 1024 * 1024;
    /** Bounds a chain or a CA bundle (the JDK cacerts has about 150 entries). */
    private static final int MAX_CERTIFICATES = 1000;

    private PemFiles() {}

    /** Every certificate in {@code file}, in file order (for a chain: leaf first). At least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(open(file))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    if (certificates.size() == MAX_CERTIFICATES) {
                        throw new IOException(file + ": more than " + MAX_CERTIFICATES + " certificates");
                    }
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(file + ": unreadable certificate (" + e.getClass().getSimpleName() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new IOException(file + ": no CERTIFICATE block found");
        }
        return certificates;
    }

    /** The first private key in {@code file}. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(open(file))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof PEMKeyPair pair) {
                    // EC/RSA PRIVATE KEY (traditional). An EC key may omit its optional public key;
                    // then only the private part can be converted.
                    return pair.getPublicKeyInfo() != null ? converter.getKeyPair(pair).getPrivate()
                            : converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info); // PKCS#8 PRIVATE KEY
                }
                if (item.getClass().getSimpleName().contains("Encrypted")) {
                    throw new IOException(file + ": encrypted private keys are not supported; store it unencrypted"
                            + " with restrictive file permissions");
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable private key (" + e.getClass().getSimpleName() + ")", e);
        }
        throw new IOException(file + ": no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block found");
    }

    private static Reader open(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_PEM_BYTES) {
            throw new IOException(file + ": " + size + " bytes is too big for a PEM file (max " + MAX_PEM_BYTES + ")");
        }
        return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    }
}
