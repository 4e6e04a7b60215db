package io.sbc.signaling.b2bua;

import io.sbc.signaling.mediactl.MediaCommands;
import io.sbc.signaling.mediactl.NgReply;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.transport.LogThrottle;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SDP through the media relay, over the ng protocol only (design.md: one control path, also to a
 * real rtpengine). Tracks RFC 3264 offer/answer per call: SDP from a side with no offer
 * outstanding (or from the side that made it) is an {@code offer}; SDP from the other side is the
 * {@code answer}; the answer in a 2xx to INVITE (or in the ACK) closes the exchange. In bypass mode
 * SDP passes unchanged (the trunk's {@code media: {mode: bypass}}).
 *
 * <p>Owner: the call's event loop; the returned futures complete on the ng client's thread and the
 * caller continues on its loop.
 */
final class MediaAnchor {
    private static final Logger LOG = LoggerFactory.getLogger(MediaAnchor.class);
    /**
     * A refused or unanswered relay command ends its call with 503; the reason goes to the log at most
     * every 10 s (at load, hundreds a second can fail the same way), the count to mediaFailures.
     */
    private static final LogThrottle RELAY_FAILURE_LOG = new LogThrottle(10_000);
    private final B2buaContext ctx;

    MediaAnchor(B2buaContext ctx) {
        this.ctx = ctx;
    }

    /** The body of {@code m} when it is SDP, else an empty array. */
    static byte[] sdpOf(SipMessage m) {
        if (m.bodySize() == 0) {
            return new byte[0];
        }
        String ct = m.contentType();
        if (ct == null || !ct.trim().toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            return new byte[0];
        }
        return m.body();
    }

    /**
     * The SDP to send on the other side for {@code sdp} received from {@code from}: rewritten by the
     * relay when anchored, as is in bypass. Completes with null when the relay refused or did not
     * answer.
     *
     * @param closes      true for SDP in a 2xx to INVITE or an ACK (the end of an offer/answer exchange)
     * @param fromRealm   the realm of {@code from} (only used for the first offer's {@code direction})
     * @param toRealm     the realm of the other side (idem)
     */
    CompletableFuture<byte[]> sdp(Call c, Side from, byte[] sdp, boolean closes, String sourceIp, String fromRealm,
            String toRealm) {
        if (sdp.length == 0) {
            if (closes) {
                c.offerer = null;
            }
            return CompletableFuture.completedFuture(sdp);
        }
        boolean offer = c.offerer == null || c.offerer == from;
        if (offer) {
            c.offerer = from;
        } else if (closes) {
            c.offerer = null;
        }
        if (!c.anchored) {
            return CompletableFuture.completedFuture(sdp);
        }
        String inRealm = fromRealm != null ? fromRealm : c.endpoint(from).realm();
        String outRealm = toRealm != null ? toRealm : c.endpoint(from.other()).realm();
        Map<String, Object> cmd = offer
                ? MediaCommands.offer(c.mediaId, c.mediaTag(from), c.mediaTag(from.other()),
                        new String(sdp, StandardCharsets.ISO_8859_1), inRealm, outRealm, sourceIp)
                : MediaCommands.answer(c.mediaId, c.mediaTag(from.other()), c.mediaTag(from),
                        new String(sdp, StandardCharsets.ISO_8859_1), sourceIp);
        return ctx.media().send(cmd).thenApply(MediaAnchor::sdpOf);
    }

    private static byte[] sdpOf(NgReply reply) {
        if (!reply.ok() && RELAY_FAILURE_LOG.allow()) {
            LOG.warn("media relay refused or did not answer a command: {} (the call gets 503; logged at most every 10 s)",
                    reply.errorReason());
        }
        String s = reply.ok() ? reply.sdp() : null;
        return s == null ? null : s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
