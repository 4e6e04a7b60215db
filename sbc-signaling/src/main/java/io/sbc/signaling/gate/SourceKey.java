package io.sbc.signaling.gate;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A source address as one {@code long}, the key of every gate table (0 is "empty").
 *
 * <ul>
 * <li>IPv4 {@code a.b.c.d}: {@code (1L << 32) | address} (the address unsigned in the low 32 bits).
 *     {@link Inet4Address#hashCode()} is the address as an int, so the key costs no allocation.
 * <li>IPv6: the /64 prefix (the high 64 bits). One host of a /64 owns 2^64 addresses, so limits,
 *     scores and bans apply per /64 (the usual subscriber allocation). A prefix whose value falls
 *     in the IPv4 key range (below 2^33, e.g. {@code ::1}) gets bit 62 flipped; such prefixes, and the
 *     4000::/2 space they move into, are not routed on the Internet. IPv4-mapped IPv6 addresses
 *     ({@code ::ffff:a.b.c.d}) are keyed as IPv4. Reading an {@link Inet6Address}'s bytes clones a
 *     16-byte array (there is no allocation-free accessor): one allocation per IPv6 message.
 * </ul>
 */
public final class SourceKey {
    static final long V4_TAG = 1L << 32;
    private static final long V4_LIMIT = 1L << 33;
    private static final long V6_FLIP = 1L << 62;

    private SourceKey() {}

    public static long ofV4(int address) {
        return V4_TAG | (address & 0xffffffffL);
    }

    public static long ofV6Prefix(long high) {
        return high >= 0 && high < V4_LIMIT ? high ^ V6_FLIP : high;
    }

    public static boolean isV4(long key) {
        return key >= V4_TAG && key < V4_LIMIT;
    }

    /** The key of an address: no allocation for IPv4. */
    public static long of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return ofV4(address.hashCode());
        }
        byte[] b = address.getAddress();
        if (isV4Mapped(b)) {
            return ofV4(int32(b, 12));
        }
        return ofV6Prefix(int64(b, 0));
    }

    static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    static int int32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    static long int64(byte[] b, int off) {
        return (long) int32(b, off) << 32 | (int32(b, off + 4) & 0xffffffffL);
    }

    /** For the admin API and logs: {@code 192.0.2.1} or {@code 2001:db8:1:2::/64}. */
    public static String format(long key) {
        if (isV4(key)) {
            int a = (int) key;
            return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
        }
        long high = (key >>> 62) == 1 && (key ^ V6_FLIP) < V4_LIMIT ? key ^ V6_FLIP : key;
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
        }
        try {
            String s = InetAddress.getByAddress(b).getHostAddress();
            return s + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spreads keys over a power-of-two table (Murmur3 finalizer). */
    static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
