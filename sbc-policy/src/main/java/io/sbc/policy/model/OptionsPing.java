package io.sbc.policy.model;

import java.time.Duration;

/**
 * OPTIONS keep-alive to each gateway: a gateway is marked down after {@code failures} unanswered
 * pings and up again after {@code recoveries} answered ones.
 */
public record OptionsPing(Duration interval, int failures, int recoveries) {
}
