package io.sbc.policy.model;

/**
 * Caps over the whole SBC. 0 = unlimited.
 *
 * @param maxCalls        calls in progress
 * @param cps             new calls per second
 * @param maxMessageBytes largest SIP message on any realm
 * @param maxConnections  open TCP/TLS/WS connections over all realms (accepted plus outbound); an
 *                        accept beyond it is closed at once and counted. Never 0 (bounded memory).
 */
public record GlobalLimits(int maxCalls, int cps, int maxMessageBytes, int maxConnections) {
}
