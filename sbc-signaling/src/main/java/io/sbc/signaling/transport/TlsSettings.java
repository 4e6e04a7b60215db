package io.sbc.signaling.transport;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS material for a TLS or WSS listen point, and for connections the SBC opens from it.
 *
 * @param certificateChainPem PEM file with the certificate chain, leaf first; required
 * @param privateKeyPem       PEM file with the private key: PKCS#8 ({@code PRIVATE KEY}) or
 *                            traditional ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}); unencrypted
 * @param clientAuth          mutual TLS on accepted connections; {@link ClientAuthMode#NONE} by default
 * @param trustedCaPem        PEM file with the CA certificates used to verify client certificates
 *                            (when {@code clientAuth} is not NONE) and servers the SBC connects to;
 *                            null means the JDK default trust store for outbound connections (and is
 *                            not allowed with OPTIONAL/REQUIRED client authentication)
 */
public record TlsSettings(Path certificateChainPem, Path privateKeyPem, ClientAuthMode clientAuth, Path trustedCaPem) {

    public TlsSettings {
        Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(clientAuth, "clientAuth");
        if (clientAuth != ClientAuthMode.NONE && trustedCaPem == null) {
            throw new IllegalArgumentException("client authentication " + clientAuth + " needs trustedCaPem");
        }
    }

    /** Server certificate and key only: no client authentication, JDK default trust for outbound. */
    public static TlsSettings of(Path certificateChainPem, Path privateKeyPem) {
        return new TlsSettings(certificateChainPem, privateKeyPem, ClientAuthMode.NONE, null);
    }
}
