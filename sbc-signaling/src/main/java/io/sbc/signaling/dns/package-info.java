/**
 * Locating SIP servers (RFC 3263) with a minimal DNS client of our own (RFC 1035 wire format; SRV
 * RFC 2782; AAAA RFC 3596). {@link io.sbc.signaling.dns.Rfc3263Resolver#resolve} never blocks the
 * caller: lookups run on the resolver's own {@code sip-dns-N} threads; hop back to the event loop
 * with {@code thenAcceptAsync(..., eventLoop)}. The DNS server comes from policy, else
 * {@link io.sbc.signaling.dns.DnsClient#firstNameserver}({@code /etc/resolv.conf}).
 */
package io.sbc.signaling.dns;
