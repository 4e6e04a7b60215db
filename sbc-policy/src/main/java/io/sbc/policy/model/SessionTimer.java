package io.sbc.policy.model;

import java.time.Duration;

/** RFC 4028 session timer toward a trunk: Session-Expires and Min-SE offered. */
public record SessionTimer(Duration expires, Duration minSe) {
}
