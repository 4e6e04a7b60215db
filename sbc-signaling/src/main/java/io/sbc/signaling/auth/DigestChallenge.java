package io.sbc.signaling.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Digest challenge from a WWW-Authenticate or Proxy-Authenticate header (RFC 3261 §22.4,
 * RFC 7616 §3.3, RFC 8760).
 *
 * @param realm     protection space, echoed in the credentials
 * @param nonce     server nonce
 * @param opaque    echoed unchanged when present; null otherwise
 * @param algorithm the algorithm (MD5 when the parameter is absent)
 * @param qops      qop options offered, lower-case ("auth", "auth-int"); empty = RFC 2069 style
 * @param stale     true when the previous credentials were right but the nonce had expired (§3.3)
 * @param proxy     true for Proxy-Authenticate (answer with Proxy-Authorization, RFC 3261 §22.3)
 */
public record DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm, List<String> qops,
        boolean stale, boolean proxy) {

    public DigestChallenge {
        qops = List.copyOf(qops);
    }

    /**
     * Every Digest challenge in one header value that this SBC can answer; challenges of other schemes,
     * with unknown algorithms, without realm or nonce, or offering only unknown qop values are skipped
     * (RFC 7616 §3.3: the client ignores challenges it does not understand).
     */
    public static List<DigestChallenge> parseAll(String headerValue, boolean proxy) {
        List<DigestChallenge> out = new ArrayList<>(2);
        for (AuthHeaderParser.Parsed p : AuthHeaderParser.parse(headerValue)) {
            if (!"digest".equalsIgnoreCase(p.scheme())) {
                continue;
            }
            String realm = p.param("realm");
            String nonce = p.param("nonce");
            DigestAlgorithm alg = DigestAlgorithm.fromToken(p.param("algorithm"));
            if (realm == null || nonce == null || nonce.isEmpty() || alg == null) {
                continue;
            }
            List<String> qops = new ArrayList<>(2);
            String qop = p.param("qop");
            if (qop != null) {
                for (String q : qop.split(",")) {
                    String t = q.trim().toLowerCase(Locale.ROOT);
                    if (t.equals("auth") || t.equals("auth-int")) {
                        qops.add(t);
                    }
                }
                if (qops.isEmpty()) {
                    continue; // qop offered, but none we know: cannot answer
                }
            } else if (alg.session()) {
                continue; // -sess needs a cnonce, which exists only with qop (RFC 7616 §3.4.2)
            }
            boolean stale = "true".equalsIgnoreCase(p.param("stale"));
            out.add(new DigestChallenge(realm, nonce, p.param("opaque"), alg, qops, stale, proxy));
        }
        return out;
    }

    /** The qop the client uses: auth when offered, else auth-int, else none (RFC 2069 compatibility). */
    public String chosenQop() {
        if (qops.contains("auth")) {
            return "auth";
        }
        return qops.isEmpty() ? null : "auth-int";
    }
}
