package io.sbc.policy.model;

import java.time.Duration;

/**
 * RFC 3261 base timers (section 17.1.1.1): T1 round-trip estimate, T2 maximum retransmit interval
 * for non-INVITE requests and INVITE responses, T4 maximum lifetime of a message in the network.
 * Timers A to K are derived from these and not configurable.
 */
public record SipTimers(Duration t1, Duration t2, Duration t4) {
}
