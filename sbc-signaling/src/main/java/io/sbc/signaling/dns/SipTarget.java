package io.sbc.signaling.dns;

import java.net.InetSocketAddress;

/**
 * One place to send a SIP request to, in the order to try (RFC 3263 §4.3).
 *
 * @param transport "UDP", "TCP" or "TLS" (as in a Via)
 * @param address   resolved address and port
 * @param host      the host name it came from (SRV target or URI host), for TLS server name checks
 *                  (RFC 5922)
 * @param ttlSeconds the smallest TTL on the path to this target; re-resolve after it
 */
public record SipTarget(String transport, InetSocketAddress address, String host, long ttlSeconds) {
}
