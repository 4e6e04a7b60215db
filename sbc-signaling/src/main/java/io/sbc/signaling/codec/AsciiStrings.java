package io.sbc.signaling.codec;

import java.nio.charset.StandardCharsets;

/**
 * Strings for byte ranges, reusing one shared instance for tokens that occur in nearly every
 * message (method names, transports, common parameter names, canonical header names), so that
 * building header objects does not allocate a new String for each of them. The lookup is a
 * precomputed open-addressing table, case-sensitive, built once.
 */
public final class AsciiStrings {
    private static final int SIZE = 512;
    private static final String[] TABLE = new String[SIZE];
    private static final byte[][] KEYS = new byte[SIZE][];

    static {
        String[] common = {"SIP/2.0", "SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "branch", "rport",
            "received", "maddr", "ttl", "tag", "lr", "transport", "user", "phone", "udp", "tcp", "tls", "method",
            "expires", "q", "ob", "sip", "sips", "tel", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "PRACK", "UPDATE", "INFO", "MESSAGE", "REFER", "SUBSCRIBE", "NOTIFY", "PUBLISH", "OK", "Trying",
            "Ringing", "Session Progress", "refresher", "uac", "uas", "boundary", "charset", "application/sdp",
            "+sip.instance", "reg-id", "gr", "nat", "phone-context", "lr=on", "yes", "no"};
        for (String c : common) {
            put(c);
        }
        for (HeaderName h : HeaderName.values()) {
            if (h != HeaderName.OTHER) {
                put(h.canonical());
                if (h.compact() != 0) {
                    put(String.valueOf(h.compact()));
                }
            }
        }
    }

    private AsciiStrings() {}

    private static void put(String s) {
        byte[] k = s.getBytes(StandardCharsets.US_ASCII);
        int slot = hash(k, 0, k.length) & (SIZE - 1);
        while (KEYS[slot] != null) {
            if (java.util.Arrays.equals(KEYS[slot], k)) {
                return;
            }
            slot = (slot + 1) & (SIZE - 1);
        }
        KEYS[slot] = k;
        TABLE[slot] = s;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = to - from;
        for (int i = from; i < to; i++) {
            h = h * 31 + b[i];
        }
        return h ^ (h >>> 9);
    }

    /** The string for {@code b[from, to)} decoded as UTF-8; a shared instance for common tokens. */
    public static String of(byte[] b, int from, int to) {
        int n = to - from;
        if (n > 0 && n <= 16) {
            int slot = hash(b, from, to) & (SIZE - 1);
            while (true) {
                byte[] k = KEYS[slot];
                if (k == null) {
                    break;
                }
                if (k.length == n && java.util.Arrays.equals(k, 0, n, b, from, to)) {
                    return TABLE[slot];
                }
                slot = (slot + 1) & (SIZE - 1);
            }
        }
        return new String(b, from, n, StandardCharsets.UTF_8);
    }
}
