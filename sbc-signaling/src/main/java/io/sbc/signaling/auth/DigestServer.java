package io.sbc.signaling.auth;

import io.sbc.policy.model.AuthUser;
import io.sbc.policy.model.Cidr;
import io.sbc.policy.model.RealmAuth;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.transaction.SipTokens;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server half of HTTP Digest for one realm of the SBC (RFC 3261 §22.1, §22.4; RFC 7616; RFC 8760):
 * challenges requests from the PBX side, verifies credentials against the realm's policy users and
 * skips sources in the realm's trusted CIDRs.
 *
 * <p>No user enumeration (issue #6): an unknown user is verified against a per-process random dummy
 * secret with the same hash operations as a known user, responses are compared in constant time
 * ({@link MessageDigest#isEqual}), and both get the same answer: a fresh 401/407 with
 * {@code stale=false}.
 *
 * <p>Challenges offer SHA-256 first and MD5 second, both with qop=auth (RFC 8760 §2.4: list the
 * preferred algorithm first; MD5 kept for phones that know nothing else).
 *
 * <p>Immutable apart from its counters and the {@link NonceManager}'s replay table: one instance per
 * realm and policy snapshot, shared by every event loop.
 */
public final class DigestServer {
    private final String realmName;
    private final String digestRealm;
    private final Map<String, AuthUser> users = new HashMap<>();
    private final Cidr[] trusted;
    private final NonceManager nonces;
    private final AuthFailureListener failures;
    private final String dummySecret;
    private final List<DigestAlgorithm> offered;

    private final LongAdder challenges = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final LongAdder failureCount = new LongAdder();
    private final LongAdder staleCount = new LongAdder();

    /**
     * @param realmName the SBC realm (policy key) the failures are reported under
     * @param auth      the realm's {@code auth} section; its digest realm goes into challenges
     */
    public DigestServer(String realmName, RealmAuth auth, NonceManager nonces, AuthFailureListener failures) {
        this(realmName, auth, nonces, failures, DEFAULT_ALGORITHMS);
    }

    /** Challenges offer SHA-256 first, then MD5 (RFC 8760 §2.4). */
    public static final List<DigestAlgorithm> DEFAULT_ALGORITHMS = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    /**
     * As the 4-argument constructor, with the algorithms offered, one challenge each, in this order.
     * Some MD5-only phones (and SIPp 3.6) read only the first challenge: for them, list MD5 first or
     * alone. Only MD5 and SHA-256 are accepted (no {@code -sess}: its A1 needs the client's cnonce first).
     */
    public DigestServer(String realmName, RealmAuth auth, NonceManager nonces, AuthFailureListener failures,
            List<DigestAlgorithm> offered) {
        if (offered.isEmpty() || offered.stream().anyMatch(DigestAlgorithm::session)) {
            throw new IllegalArgumentException("offer at least one of MD5, SHA-256 and no -sess variant: " + offered);
        }
        this.offered = List.copyOf(offered);
        this.realmName = Objects.requireNonNull(realmName, "realmName");
        this.digestRealm = auth.digestRealm() == null ? realmName : auth.digestRealm();
        for (AuthUser u : auth.users()) {
            users.put(u.username(), u);
        }
        this.trusted = auth.trust().toArray(new Cidr[0]);
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.failures = failures == null ? AuthFailureListener.NONE : failures;
        byte[] dummy = new byte[24];
        new SecureRandom().nextBytes(dummy);
        this.dummySecret = Base64.getEncoder().encodeToString(dummy);
    }

    public String digestRealm() {
        return digestRealm;
    }

    /**
     * Decides whether {@code request} from {@code source} may proceed. {@code proxy} selects 407 with
     * Proxy-Authenticate/Proxy-Authorization (what a PBX expects from a proxy-like SBC for INVITE)
     * instead of 401 with WWW-Authenticate (a registrar or UAS, RFC 3261 §22.1).
     */
    public AuthResult authenticate(SipRequest request, InetAddress source, boolean proxy) {
        if (users.isEmpty()) {
            return new AuthResult(AuthResult.Outcome.NOT_REQUIRED, null, null);
        }
        if (isTrusted(source)) {
            return new AuthResult(AuthResult.Outcome.TRUSTED, null, null);
        }
        AuthHeaderParser.Parsed creds = credentialsFor(request, proxy ? "Proxy-Authorization" : "Authorization");
        if (creds == null) {
            return challenge(request, proxy, false);
        }
        return verify(request, creds, source, proxy);
    }

    private AuthResult verify(SipRequest request, AuthHeaderParser.Parsed c, InetAddress source, boolean proxy) {
        String username = c.param("username");
        String nonce = c.param("nonce");
        String uri = c.param("uri");
        String response = c.param("response");
        String qop = c.param("qop");
        String nc = c.param("nc");
        String cnonce = c.param("cnonce");
        DigestAlgorithm alg = DigestAlgorithm.fromToken(c.param("algorithm"));
        long count = parseNc(nc);
        if (username == null || nonce == null || uri == null || response == null || cnonce == null
                || !"auth".equalsIgnoreCase(qop) || count < 1 || !offered.contains(alg)) {
            return fail(request, source, proxy); // not an answer to any challenge we issue
        }
        NonceManager.Validity validity = nonces.check(nonce, digestRealm);
        if (validity == NonceManager.Validity.INVALID || !uriMatches(uri, request)) {
            return fail(request, source, proxy);
        }
        AuthUser user = users.get(username);
        // Same work for unknown and known users: the dummy secret never matches a client's response.
        String secret = user == null ? dummySecret : user.password().reveal();
        String ha1 = DigestMath.ha1(alg, username, digestRealm, secret, nonce, cnonce);
        String ha2 = DigestMath.ha2(alg, "auth", request.method(), uri, null);
        String expected = DigestMath.response(alg, ha1, nonce, DigestMath.nc(count), cnonce, "auth", ha2);
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (!match || user == null) {
            return fail(request, source, proxy);
        }
        if (validity == NonceManager.Validity.STALE || !nonces.acceptCount(nonce, count, digestRealm)) {
            // RFC 7616 §3.3: right credentials, old nonce (or a count that does not grow): retry silently.
            staleCount.increment();
            return challenge(request, proxy, true);
        }
        successes.increment();
        return new AuthResult(AuthResult.Outcome.AUTHENTICATED, username, null);
    }

    private AuthResult fail(SipRequest request, InetAddress source, boolean proxy) {
        failureCount.increment();
        failures.onFailure(source, realmName);
        return challenge(request, proxy, false);
    }

    private AuthResult challenge(SipRequest request, boolean proxy, boolean stale) {
        challenges.increment();
        SipResponse r = SipResponses.create(request, proxy ? 407 : 401,
                proxy ? "Proxy Authentication Required" : "Unauthorized", SipTokens.newTag());
        String header = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
        String nonce = nonces.issue(digestRealm);
        String common = "Digest realm=" + DigestClient.quote(digestRealm) + ", nonce=\"" + nonce + "\", qop=\"auth\"";
        String tail = stale ? ", stale=true" : "";
        for (DigestAlgorithm a : offered) {
            r.addHeader(header, common + ", algorithm=" + a.token() + tail);
        }
        return new AuthResult(AuthResult.Outcome.CHALLENGED, null, r);
    }

    /** The credentials for our digest realm (RFC 3261 §22.4: several realms may be answered at once). */
    private AuthHeaderParser.Parsed credentialsFor(SipRequest request, String header) {
        for (String value : request.headerValues(header)) {
            for (AuthHeaderParser.Parsed p : AuthHeaderParser.parse(value)) {
                if ("digest".equalsIgnoreCase(p.scheme()) && digestRealm.equals(p.param("realm"))) {
                    return p;
                }
            }
        }
        return null;
    }

    /** RFC 7616 §3.4.6: the digest-uri must name the request's target (equivalent SIP URIs accepted). */
    private static boolean uriMatches(String uri, SipRequest request) {
        String ruri = String.valueOf(request.requestUri());
        if (uri.equals(ruri)) {
            return true;
        }
        SipUri a = SipUri.parse(uri);
        SipUri b = request.sipRequestUri();
        return a != null && b != null && a.equivalent(b);
    }

    private static long parseNc(String nc) {
        if (nc == null || nc.length() != 8) {
            return -1;
        }
        try {
            return Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** True when {@code source} is in one of the realm's trusted CIDRs. */
    public boolean isTrusted(InetAddress source) {
        if (source == null || trusted.length == 0) {
            return false;
        }
        byte[] a = source.getAddress();
        if (source instanceof Inet4Address) {
            int v4 = ByteBuffer.wrap(a).getInt();
            for (Cidr c : trusted) {
                if (c.containsV4(v4)) {
                    return true;
                }
            }
        } else if (source instanceof Inet6Address) {
            ByteBuffer b = ByteBuffer.wrap(a);
            long hi = b.getLong();
            long lo = b.getLong();
            for (Cidr c : trusted) {
                if (c.containsV6(hi, lo)) {
                    return true;
                }
            }
        }
        return false;
    }

    public long challengesSent() {
        return challenges.sum();
    }

    public long successes() {
        return successes.sum();
    }

    public long failures() {
        return failureCount.sum();
    }

    public long staleAnswers() {
        return staleCount.sum();
    }
}
