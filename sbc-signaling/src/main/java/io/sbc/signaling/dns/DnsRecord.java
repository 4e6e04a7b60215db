package io.sbc.signaling.dns;

import java.net.InetAddress;

/**
 * One resource record of an answer section that the resolver uses (RFC 1035 §4.1.3).
 *
 * @param name       owner name, lower-case, without the trailing dot
 * @param type       {@link DnsWire#TYPE_A}, {@link DnsWire#TYPE_AAAA}, {@link DnsWire#TYPE_SRV} or
 *                   {@link DnsWire#TYPE_CNAME}
 * @param ttlSeconds time to live (RFC 2181 §8: 0..2^31-1)
 * @param address    A/AAAA: the address; null otherwise
 * @param target     SRV: the target host; CNAME: the canonical name; null otherwise
 * @param priority   SRV priority (RFC 2782), lower first
 * @param weight     SRV weight
 * @param port       SRV port
 */
public record DnsRecord(String name, int type, long ttlSeconds, InetAddress address, String target, int priority,
        int weight, int port) {
}
