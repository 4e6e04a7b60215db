package io.sbc.media.relay;

import io.sbc.media.srtp.SrtpContext;
import java.util.Objects;

/**
 * Adapts one {@link SrtpContext} (one direction of one leg) to the relay's {@link PacketCrypto} hook.
 * Keeping the same instance across re-offers keeps the context's ROC, replay window and SRTCP index,
 * which is what makes SRTP survive hold and resume.
 *
 * <p>Owner: the relay worker thread that owns the stream (the context binds its owner on first use).
 */
public final class SrtpPacketCrypto implements PacketCrypto {

    private final SrtpContext context;

    public SrtpPacketCrypto(SrtpContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public SrtpContext context() {
        return context;
    }

    @Override
    public int protectRtp(byte[] buf, int off, int len) {
        return context.protectRtp(buf, off, len);
    }

    @Override
    public int unprotectRtp(byte[] buf, int off, int len) {
        return context.unprotectRtp(buf, off, len);
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len) {
        return context.protectRtcp(buf, off, len);
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len) {
        return context.unprotectRtcp(buf, off, len);
    }
}
