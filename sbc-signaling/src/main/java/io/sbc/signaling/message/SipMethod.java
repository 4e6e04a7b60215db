package io.sbc.signaling.message;

/** Request methods the SBC distinguishes (RFC 3261 §7.1 and extensions); others are {@link #OTHER}. */
public enum SipMethod {
    INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, UPDATE, INFO, MESSAGE, REFER, SUBSCRIBE, NOTIFY,
    PUBLISH, OTHER;

    private static final SipMethod[] KNOWN = {INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, UPDATE, INFO,
        MESSAGE, REFER, SUBSCRIBE, NOTIFY, PUBLISH};
    private static final byte[][] NAMES = new byte[KNOWN.length][];

    static {
        for (int i = 0; i < KNOWN.length; i++) {
            NAMES[i] = KNOWN[i].name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** Method in {@code b[from, to)}; methods are case-sensitive (RFC 3261 §7.1), so "invite" is OTHER. */
    public static SipMethod of(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 3 || n > 9) {
            return OTHER;
        }
        outer:
        for (int i = 0; i < NAMES.length; i++) {
            byte[] name = NAMES[i];
            if (name.length != n || name[0] != b[from]) {
                continue;
            }
            for (int k = 1; k < n; k++) {
                if (name[k] != b[from + k]) {
                    continue outer;
                }
            }
            return KNOWN[i];
        }
        return OTHER;
    }

    /** Method named by {@code name} (case-sensitive). */
    public static SipMethod of(String name) {
        byte[] b = name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return of(b, 0, b.length);
    }
}
