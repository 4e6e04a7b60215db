package io.sbc.signaling.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DNS wire format (RFC 1035 §4) for the few queries a SIP resolver makes: build one question with
 * recursion desired, and read A, AAAA (RFC 3596), SRV (RFC 2782) and CNAME records of the answer
 * section plus the SOA minimum of the authority section (RFC 2308).
 *
 * <p>Malformed input is data: {@link #parse} returns {@link DnsAnswer#MALFORMED} for anything that does
 * not read (truncated, bad pointers, pointer loops, wrong ID or question). Bounded: at most
 * {@link #MAX_RECORDS} records read, {@link #MAX_POINTER_HOPS} compression pointers per name, names of
 * at most 255 octets.
 */
public final class DnsWire {
    public static final int TYPE_A = 1;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_SOA = 6;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_SRV = 33;
    public static final int MAX_RECORDS = 64;
    public static final int MAX_POINTER_HOPS = 16;
    /** Negative-caching time when the response carries no SOA (RFC 2308 §5 suggests 1–3 hours; SIP failover wants less). */
    public static final long DEFAULT_NEGATIVE_TTL_SECONDS = 30;

    private DnsWire() {
    }

    /** UDP payload size advertised with EDNS(0) (RFC 6891; 1232 is the DNS Flag Day 2020 value). */
    public static final int EDNS_UDP_PAYLOAD = 1232;
    private static final int OPT_RR_BYTES = 11;

    /**
     * A standard query (opcode 0, RD=1) for {@code name}/{@code type}, class IN, with an EDNS(0) OPT
     * record offering {@link #EDNS_UDP_PAYLOAD} bytes (RFC 6891 §6), so a large SRV set fits one
     * datagram. Null for an invalid name.
     */
    public static byte[] query(int id, String name, int type) {
        byte[] qname = encodeName(name);
        if (qname == null) {
            return null;
        }
        byte[] out = new byte[12 + qname.length + 4 + OPT_RR_BYTES];
        out[0] = (byte) (id >> 8);
        out[1] = (byte) id;
        out[2] = 0x01; // RD: the configured server is a recursive resolver
        out[5] = 1; // QDCOUNT
        System.arraycopy(qname, 0, out, 12, qname.length);
        int p = 12 + qname.length;
        out[p] = (byte) (type >> 8);
        out[p + 1] = (byte) type;
        out[p + 3] = 1; // class IN
        out[11] = 1; // ARCOUNT: the OPT record
        int o = p + 4; // OPT: root name (0), type 41, class = payload size, TTL 0, RDLEN 0
        out[o + 2] = 41;
        out[o + 3] = (byte) (EDNS_UDP_PAYLOAD >> 8);
        out[o + 4] = (byte) EDNS_UDP_PAYLOAD;
        return out;
    }

    /** True when the response has the TC bit (RFC 1035 §4.1.1): the client asks again over TCP (RFC 7766). */
    public static boolean isTruncated(byte[] b, int len) {
        return len >= 3 && (b[2] & 0x02) != 0;
    }

    private static byte[] encodeName(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > 253) {
            return null;
        }
        byte[] out = new byte[n.length() + 2];
        int p = 0;
        for (String label : n.split("\\.", -1)) {
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            if (l.length == 0 || l.length > 63) {
                return null;
            }
            out[p++] = (byte) l.length;
            System.arraycopy(l, 0, out, p, l.length);
            p += l.length;
        }
        out[p] = 0;
        return out;
    }

    /**
     * Reads a response to the query {@code id}/{@code name}/{@code type}. Records of other types are
     * skipped, except that CNAMEs redirect the owner name looked for (RFC 1034 §3.6.2).
     */
    public static DnsAnswer parse(byte[] b, int len, int id, String name, int type) {
        try {
            return parseUnchecked(b, len, id, name, type);
        } catch (ArrayIndexOutOfBoundsException | IllegalStateException e) {
            return malformed();
        }
    }

    private static DnsAnswer malformed() {
        return new DnsAnswer(DnsAnswer.MALFORMED, List.of(), 0);
    }

    private static DnsAnswer parseUnchecked(byte[] b, int len, int id, String name, int type) {
        if (len < 12 || u16(b, 0, len) != id || (b[2] & 0x80) == 0) {
            return malformed(); // not a response to our ID (RFC 5452: the ID must match)
        }
        int rcode = b[3] & 0x0F;
        int qd = u16(b, 4, len);
        int an = u16(b, 6, len);
        int ns = u16(b, 8, len);
        if (qd != 1) {
            return malformed();
        }
        int[] pos = {12};
        String qname = readName(b, len, pos);
        int qtype = u16(b, pos[0], len);
        pos[0] += 4;
        String want = normalize(name);
        if (!qname.equals(want) || qtype != type) {
            return malformed(); // an answer to another question: possibly spoofed
        }
        List<DnsRecord> records = new ArrayList<>();
        String owner = want;
        long negativeTtl = DEFAULT_NEGATIVE_TTL_SECONDS;
        int total = Math.min(an + ns, MAX_RECORDS);
        for (int i = 0; i < total; i++) {
            String rname = readName(b, len, pos);
            int rtype = u16(b, pos[0], len);
            long ttl = u32(b, pos[0] + 4, len) & 0x7FFFFFFFL; // RFC 2181 §8: top bit set means 0
            int rdlen = u16(b, pos[0] + 8, len);
            int rdata = pos[0] + 10;
            if (rdata + rdlen > len) {
                return malformed();
            }
            pos[0] = rdata + rdlen;
            boolean answerSection = i < an;
            if (answerSection && rname.equals(owner) && rtype == TYPE_CNAME) {
                int[] p = {rdata};
                owner = readName(b, len, p);
            } else if (answerSection && rname.equals(owner) && rtype == type) {
                DnsRecord r = record(b, len, rname, rtype, ttl, rdata, rdlen);
                if (r != null) {
                    records.add(r);
                }
            } else if (!answerSection && rtype == TYPE_SOA) {
                int[] p = {rdata};
                readName(b, len, p);
                readName(b, len, p);
                long minimum = u32(b, p[0] + 16, len);
                negativeTtl = Math.min(ttl, minimum); // RFC 2308 §5
            }
        }
        return new DnsAnswer(rcode, records, negativeTtl);
    }

    private static DnsRecord record(byte[] b, int len, String name, int type, long ttl, int p, int rdlen) {
        try {
            if (type == TYPE_A && rdlen == 4) {
                byte[] a = new byte[4];
                System.arraycopy(b, p, a, 0, 4);
                return new DnsRecord(name, type, ttl, InetAddress.getByAddress(a), null, 0, 0, 0);
            }
            if (type == TYPE_AAAA && rdlen == 16) {
                byte[] a = new byte[16];
                System.arraycopy(b, p, a, 0, 16);
                return new DnsRecord(name, type, ttl, InetAddress.getByAddress(a), null, 0, 0, 0);
            }
            if (type == TYPE_SRV && rdlen >= 7) {
                int[] q = {p + 6};
                String target = readName(b, len, q);
                return new DnsRecord(name, type, ttl, null, target, u16(b, p, len), u16(b, p + 2, len), u16(b, p + 4, len));
            }
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 or 16 bytes
        }
        return null;
    }

    /** Reads a possibly compressed name (RFC 1035 §4.1.4) at pos[0], advancing it past the name. */
    static String readName(byte[] b, int len, int[] pos) {
        StringBuilder sb = new StringBuilder(64);
        int p = pos[0];
        int hops = 0;
        int end = -1;
        while (true) {
            if (p >= len) {
                throw new IllegalStateException("name runs past the message");
            }
            int l = b[p] & 0xFF;
            if (l == 0) {
                p++;
                break;
            }
            if ((l & 0xC0) == 0xC0) {
                if (++hops > MAX_POINTER_HOPS || p + 1 >= len) {
                    throw new IllegalStateException("compression pointer loop");
                }
                if (end < 0) {
                    end = p + 2;
                }
                p = ((l & 0x3F) << 8) | (b[p + 1] & 0xFF);
                continue;
            }
            if ((l & 0xC0) != 0 || p + 1 + l > len) {
                throw new IllegalStateException("bad label");
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(new String(b, p + 1, l, StandardCharsets.US_ASCII));
            if (sb.length() > 255) {
                throw new IllegalStateException("name too long");
            }
            p += 1 + l;
        }
        pos[0] = end >= 0 ? end : p;
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    static String normalize(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT);
    }

    private static int u16(byte[] b, int p, int len) {
        if (p + 2 > len) {
            throw new IllegalStateException("short");
        }
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static long u32(byte[] b, int p, int len) {
        if (p + 4 > len) {
            throw new IllegalStateException("short");
        }
        return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }
}
