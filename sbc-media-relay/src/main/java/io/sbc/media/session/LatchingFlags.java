package io.sbc.media.session;

/**
 * How a relay worker treats the source of packets for a stream (ng flags, rtpengine semantics).
 *
 * @param trustAddress  use the SDP address as the expected peer (default) rather than the SIP source
 * @param symmetric     send to where packets come from (latch; default) rather than only to the SDP address
 * @param strictSource  after latching, drop packets from any other source
 * @param portLatching  latch once and do not re-learn on a new source port
 * @param mediaHandover allow the latched source to move to a new address (re-latch)
 */
public record LatchingFlags(boolean trustAddress, boolean symmetric, boolean strictSource, boolean portLatching,
                            boolean mediaHandover) {
    public static final LatchingFlags DEFAULT = new LatchingFlags(true, true, false, false, false);
}
