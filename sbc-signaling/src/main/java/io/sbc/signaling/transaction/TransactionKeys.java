package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.Uri;
import io.sbc.signaling.message.Via;
import java.util.Locale;

/**
 * The keys under which the {@link TransactionLayer} files transactions. A lookup allocates one small
 * record (and, for server keys, the normalised sent-by string); header values come from the message's
 * lazily parsed fields.
 */
final class TransactionKeys {

    private TransactionKeys() {
    }

    /** RFC 3261 §17.1.3: a response matches a client transaction on top-Via branch and CSeq method. */
    record ClientKey(String branch, String method) {
    }

    /**
     * RFC 3261 §17.2.3, requests whose top-Via branch has the magic cookie: branch, sent-by and method,
     * where an ACK uses method INVITE. CANCEL keeps its own method, so a CANCEL is its own transaction.
     */
    record ServerKey(String branch, String sentBy, String method) {
    }

    /**
     * RFC 3261 §17.2.3 last paragraphs, requests from RFC 2543 elements (no magic cookie): Request-URI,
     * From tag, Call-ID, CSeq number and method (INVITE for an ACK) and the whole top Via. The To tag
     * is compared after the lookup, because for an ACK it is the tag of the response, not of the INVITE.
     */
    record Rfc2543Key(String requestUri, String fromTag, String callId, long cseqNumber, String method, String topVia) {
    }

    /** RFC 3261 §8.2.2.2: From tag, Call-ID and CSeq (number and method) of a request without To tag. */
    record MergeKey(String fromTag, String callId, long cseqNumber, String method) {
    }

    static boolean isRfc3261(Via via) {
        String branch = via.branch();
        return branch != null && branch.startsWith(SipTokens.MAGIC_COOKIE);
    }

    /** The server-table key of {@code request}, looked up as a request of {@code method}. */
    static Object serverKey(SipRequest request, String method) {
        Via via = request.topVia();
        if (isRfc3261(via)) {
            return new ServerKey(via.branch(), sentBy(via), method);
        }
        Uri requestUri = request.requestUri();
        return new Rfc2543Key(requestUri == null ? "" : requestUri.toString(), request.fromTag(), request.callId(),
                request.cseq().number(), method, via.toString());
    }

    static MergeKey mergeKey(SipRequest request) {
        return new MergeKey(request.fromTag(), request.callId(), request.cseq().number(), request.cseq().method());
    }

    /**
     * sent-by as compared by §17.2.3: host case-insensitive (RFC 3261 §19.1.4 for hosts), and a missing
     * port taken as the transport's default (5061 for TLS, 5060 otherwise, §18.2.1) so "host" and
     * "host:5060" match.
     */
    static String sentBy(Via via) {
        int port = via.port();
        if (port < 0) {
            port = "TLS".equalsIgnoreCase(via.transport()) || "WSS".equalsIgnoreCase(via.transport()) ? 5061 : 5060;
        }
        String host = via.host();
        return (host == null ? "" : host.toLowerCase(Locale.ROOT)) + ":" + port;
    }
}
