package io.sbc.signaling.auth;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.codec.SipSerializer;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers a 401 or 407 (RFC 3261 §22.2, §22.3) for a request the SBC sent toward a trunk: INVITE,
 * re-INVITE, BYE, REGISTER or any other method. Returns a copy of the request with CSeq + 1 and the
 * Authorization / Proxy-Authorization for every challenged realm the credentials apply to. The caller
 * gives it a new top-Via branch (a new transaction, RFC 3261 §8.1.3.5) and, inside a dialog, takes the
 * new CSeq as the dialog's local sequence number.
 *
 * <p>No loops: when the request already carried credentials for a challenged realm and the new
 * challenge is not {@code stale=true}, or repeats the nonce already used, the credentials were refused
 * and {@link #respond} returns null (RFC 3261 §22.2: do not re-attempt with credentials that failed).
 *
 * <p>Owner: the thread that owns its {@link DigestClient}.
 */
public final class ChallengeResponder {
    private final DigestClient client;

    public ChallengeResponder(DigestClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The re-signed request, or null when {@code challenge} is not a 401/407, offers no Digest
     * challenge these credentials can answer, or the same credentials already failed.
     */
    public SipRequest respond(SipRequest sent, SipResponse challenge, DigestCredentials credentials) {
        int code = challenge.statusCode();
        if (code != 401 && code != 407) {
            return null;
        }
        boolean proxy = code == 407;
        String challengeHeader = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
        String credentialsHeader = proxy ? "Proxy-Authorization" : "Authorization";

        Map<String, List<DigestChallenge>> byRealm = new LinkedHashMap<>();
        for (String value : challenge.headerValues(challengeHeader)) {
            for (DigestChallenge c : DigestChallenge.parseAll(value, proxy)) {
                byRealm.computeIfAbsent(c.realm(), r -> new ArrayList<>(2)).add(c);
            }
        }
        Map<String, String> usedNonceByRealm = usedNonces(sent, credentialsHeader);
        List<DigestChallenge> chosen = new ArrayList<>(byRealm.size());
        for (List<DigestChallenge> offered : byRealm.values()) {
            DigestChallenge c = DigestClient.choose(offered, credentials);
            if (c == null) {
                continue;
            }
            String used = usedNonceByRealm.get(c.realm());
            if (used != null && (used.equals(c.nonce()) || !c.stale())) {
                return null; // these credentials were refused for this realm: no second attempt
            }
            chosen.add(c);
        }
        if (chosen.isEmpty()) {
            return null;
        }
        SipRequest retry = copy(sent);
        if (retry == null) {
            return null;
        }
        String uri = String.valueOf(sent.requestUri());
        byte[] body = sent.body();
        retry.removeHeader(credentialsHeader);
        for (DigestChallenge c : chosen) {
            retry.addHeader(credentialsHeader, client.authorize(c, credentials, sent.method(), uri, body));
        }
        if (sent.cseq() != null) {
            // RFC 3261 §22.2: "the request MUST ... have a CSeq ... incremented" (a new transaction).
            retry.setHeader("CSeq", (sent.cseq().number() + 1) + " " + sent.cseq().method());
        }
        return retry;
    }

    /** The nonce the request's credentials used, by realm. */
    private static Map<String, String> usedNonces(SipRequest sent, String credentialsHeader) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String value : sent.headerValues(credentialsHeader)) {
            for (AuthHeaderParser.Parsed p : AuthHeaderParser.parse(value)) {
                if ("digest".equalsIgnoreCase(p.scheme()) && p.param("realm") != null && p.param("nonce") != null) {
                    out.put(p.param("realm"), p.param("nonce"));
                }
            }
        }
        return out;
    }

    /** An independent copy of {@code request}: encoded and parsed again (the message model has no clone). */
    static SipRequest copy(SipRequest request) {
        byte[] bytes = SipSerializer.encode(request);
        ParseResult result = new SipParser().parse(bytes, 0, bytes.length);
        return result.ok() && result.message() instanceof SipRequest r ? r : null;
    }
}
