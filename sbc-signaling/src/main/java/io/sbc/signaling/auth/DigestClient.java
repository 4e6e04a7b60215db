package io.sbc.signaling.auth;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The client half of HTTP Digest for SIP (RFC 3261 §22.2–22.4, RFC 7616, RFC 8760): picks the
 * challenge to answer and computes the Authorization / Proxy-Authorization value.
 *
 * <p>Nonce counts: each nonce's {@code nc} starts at 1 and counts up with every request signed
 * with it (RFC 7616 §3.4), so a server that tracks nc for replay protection accepts reuse. The table
 * keeps the {@link #MAX_TRACKED_NONCES} most recently used nonces; a forgotten nonce starts at 1
 * again, which a strict server answers with a new challenge, never with a failure loop.
 *
 * <p>Owner: one thread (an event loop, or the registration's scheduler thread); not thread-safe.
 */
public final class DigestClient {
    /** Bound of the nonce-count table. */
    public static final int MAX_TRACKED_NONCES = 1024;

    private final Supplier<String> cnonces;
    private final Map<String, Long> nonceCounts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_TRACKED_NONCES;
        }
    };

    /** A client whose cnonces are 128 bits from a DRBG (RFC 7616 §3.4: the cnonce must be unpredictable). */
    public DigestClient() {
        this(randomCnonces());
    }

    /** A client with a given cnonce source: for known-answer tests. */
    public DigestClient(Supplier<String> cnonces) {
        this.cnonces = Objects.requireNonNull(cnonces, "cnonces");
    }

    /**
     * The challenge to answer among {@code challenges} for {@code credentials}: the strongest algorithm
     * (SHA-256 over MD5, RFC 8760 §2.4), and among equals the first listed (RFC 7616 §3.7: servers list
     * the preferred first). Null when none applies to the credentials' realm.
     */
    public static DigestChallenge choose(List<DigestChallenge> challenges, DigestCredentials credentials) {
        DigestChallenge best = null;
        for (DigestChallenge c : challenges) {
            if (credentials.appliesTo(c.realm())
                    && (best == null || c.algorithm().strength() > best.algorithm().strength())) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The credentials value for one request (RFC 7616 §3.4): {@code Digest username=..., realm=...,
     * nonce=..., uri=..., response=..., algorithm=..., cnonce=..., opaque=..., qop=..., nc=...}.
     *
     * @param method the request's method (for ACK and CANCEL, the INVITE's credentials are reused instead,
     *               RFC 3261 §22.1)
     * @param uri    the Request-URI exactly as sent (RFC 3261 §22.4: digest-uri)
     * @param body   the body, used only with qop=auth-int
     */
    public String authorize(DigestChallenge challenge, DigestCredentials credentials, String method, String uri,
            byte[] body) {
        String qop = challenge.chosenQop();
        String cnonce = qop == null ? null : cnonces.get();
        String nc = null;
        if (qop != null) {
            long count = nonceCounts.merge(challenge.nonce(), 1L, Long::sum);
            nc = DigestMath.nc(count);
        }
        DigestAlgorithm alg = challenge.algorithm();
        String ha1 = DigestMath.ha1(alg, credentials.username(), challenge.realm(), credentials.password().reveal(),
                challenge.nonce(), cnonce);
        String ha2 = DigestMath.ha2(alg, qop, method, uri, body);
        String response = DigestMath.response(alg, ha1, challenge.nonce(), nc, cnonce, qop, ha2);
        StringBuilder sb = new StringBuilder(256);
        sb.append("Digest username=").append(quote(credentials.username()))
                .append(", realm=").append(quote(challenge.realm()))
                .append(", nonce=").append(quote(challenge.nonce()))
                .append(", uri=").append(quote(uri))
                .append(", response=\"").append(response).append('"')
                .append(", algorithm=").append(alg.token());
        if (qop != null) {
            sb.append(", cnonce=").append(quote(cnonce)).append(", qop=").append(qop).append(", nc=").append(nc);
        }
        if (challenge.opaque() != null) {
            sb.append(", opaque=").append(quote(challenge.opaque()));
        }
        return sb.toString();
    }

    /** RFC 3261 §25.1 quoted-string, escaping {@code "} and {@code \}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static Supplier<String> randomCnonces() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        SecureRandom r = random;
        return () -> {
            byte[] b = new byte[16];
            r.nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        };
    }
}
