package io.sbc.policy.model;

/**
 * An address block, IPv4 or IPv6. The address is kept as numbers (IPv4 in {@code low}, IPv6 as two
 * 64-bit halves) so a check is a few mask operations, no allocation (design: gate keyed by number).
 */
public record Cidr(String text, boolean ipv6, long high, long low, int prefix) {
    /** IPv4 address as an unsigned 32-bit value in an int. */
    public boolean containsV4(int address) {
        if (ipv6) {
            return false;
        }
        if (prefix == 0) {
            return true;
        }
        int mask = -1 << (32 - prefix);
        return (address & mask) == ((int) low & mask);
    }

    public boolean containsV6(long addrHigh, long addrLow) {
        if (!ipv6) {
            return false;
        }
        if (prefix <= 64) {
            long mask = prefix == 0 ? 0 : -1L << (64 - prefix);
            return (addrHigh & mask) == (high & mask);
        }
        long mask = -1L << (128 - prefix);
        return addrHigh == high && (addrLow & mask) == (low & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
