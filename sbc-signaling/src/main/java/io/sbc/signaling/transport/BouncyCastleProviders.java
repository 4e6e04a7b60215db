package io.sbc.signaling.transport;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

import java.security.Provider;
import java.security.Security;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Bouncy Castle providers TLS runs on, installed once per JVM.
 *
 * <p>The BC JCE provider is <em>appended</em> ({@link Security#addProvider}), never inserted first:
 * SunJCE stays the default for AES/HMAC, which is about 5x faster (java-stack.md §3), while BCJSSE
 * still finds the DEFAULT SecureRandom it needs ("unable to create JcaTlsCrypto" otherwise, §4).
 * BCJSSE itself is not registered globally; contexts are built with this instance explicitly.
 */
final class BouncyCastleProviders {
    /** Held strongly: JUL keeps loggers weakly, and a collected logger would forget its level. */
    private static final Logger BC_JSSE_LOG = Logger.getLogger("org.bouncycastle.jsse");
    private static final Provider JSSE;

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        // BCJSSE logs each connection at INFO and warns about unsupported jdk.certpath.disabledAlgorithms
        // entries (java-stack.md §4); keep only real problems.
        BC_JSSE_LOG.setLevel(Level.SEVERE);
        JSSE = new BouncyCastleJsseProvider();
    }

    private BouncyCastleProviders() {}

    /** The BCJSSE provider used for every SSLContext, KeyManagerFactory and TrustManagerFactory. */
    static Provider jsse() {
        return JSSE;
    }
}
