package io.sbc.media.session;

/**
 * Packet counters of one stream. Single writer: the relay worker that owns the stream increments
 * them; the control thread only reads (values may be slightly stale, never torn, as the fields
 * are volatile longs).
 */
public final class StreamCounters {
    private volatile long packets;
    private volatile long bytes;
    private volatile long errors;
    private volatile long lastPacketEpochSeconds;

    /** Called by the owning relay worker only. */
    public void onPacket(int length, long epochSeconds) {
        packets = packets + 1;
        bytes = bytes + length;
        lastPacketEpochSeconds = epochSeconds;
    }

    /** Called by the owning relay worker only. */
    public void onError() {
        errors = errors + 1;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public long errors() {
        return errors;
    }

    public long lastPacketEpochSeconds() {
        return lastPacketEpochSeconds;
    }
}
