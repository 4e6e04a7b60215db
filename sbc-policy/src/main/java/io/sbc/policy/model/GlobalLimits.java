package io.sbc.policy.model;

/**
 * Caps over the whole SBC. 0 = unlimited.
 *
 * @param maxCalls        calls in progress
 * @param cps             new calls per second
 * @param maxMessageBytes largest SIP message on any realm
 */
public record GlobalLimits(int maxCalls, int cps, int maxMessageBytes) {
}
