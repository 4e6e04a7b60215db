package io.sbc.signaling.dns;

import java.util.List;

/**
 * The outcome of one DNS query.
 *
 * @param rcode   RFC 1035 §4.1.1 RCODE (0 NOERROR, 3 NXDOMAIN, ...); {@link #TIMEOUT} or {@link #MALFORMED}
 *                when no usable response arrived
 * @param records answer records of the asked type (CNAME chains followed within the same response)
 * @param negativeTtlSeconds for an empty answer: how long to remember it (RFC 2308 §5: the SOA minimum
 *                           from the authority section, else a default)
 */
public record DnsAnswer(int rcode, List<DnsRecord> records, long negativeTtlSeconds) {
    public static final int NOERROR = 0;
    public static final int NXDOMAIN = 3;
    /** Pseudo-rcode: no response within the timeout after every attempt. */
    public static final int TIMEOUT = -1;
    /** Pseudo-rcode: responses arrived but none was a well-formed answer to our question. */
    public static final int MALFORMED = -2;

    public DnsAnswer {
        records = List.copyOf(records);
    }

    /** Time to cache this answer: the smallest record TTL, or the negative TTL when empty. */
    public long ttlSeconds() {
        if (records.isEmpty()) {
            return negativeTtlSeconds;
        }
        long min = Long.MAX_VALUE;
        for (DnsRecord r : records) {
            min = Math.min(min, r.ttlSeconds());
        }
        return min;
    }
}
