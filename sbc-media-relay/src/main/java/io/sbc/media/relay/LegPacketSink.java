package io.sbc.media.relay;

/**
 * Observer of packets accepted from a leg's peer, for counters kept outside the relay (the session
 * layer's per-stream counters behind ng {@code query}/{@code statistics}). Called on the owning
 * worker thread for every accepted packet: implementations must not allocate, lock or block.
 */
@FunctionalInterface
public interface LegPacketSink {

    /**
     * @param length the packet length as received (before SRTP unprotect)
     * @param epochSeconds wall-clock seconds, cached per duty cycle
     */
    void onPacket(int length, long epochSeconds);
}
