package io.sbc.signaling.core;

/**
 * Parses an IPv6 literal (RFC 4291 §2.2 text forms, with an optional embedded IPv4 tail) into 16
 * bytes without touching DNS: {@code InetAddress.getByName} would resolve anything that is not a
 * literal, which must never happen on the message path.
 */
final class Ipv6Literal {
    private Ipv6Literal() {}

    /** The 16 address bytes, or null when {@code text} is not an IPv6 literal. */
    static byte[] parse(String text) {
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new byte[16];
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                value = value * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // Embedded IPv4 tail: takes two groups.
                int[] v4 = parseIpv4(s.substring(start));
                if (v4 == null || count > 6) {
                    return null;
                }
                groups[count++] = (v4[0] << 8) | v4[1];
                groups[count++] = (v4[2] << 8) | v4[3];
                i = n;
                break;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null;
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int zeros = 8 - count;
        int g = 0;
        for (int k = 0; k < count; k++) {
            if (k == gap) {
                g += zeros;
            }
            out[2 * g] = (byte) (groups[k] >> 8);
            out[2 * g + 1] = (byte) groups[k];
            g++;
        }
        return out;
    }

    private static int[] parseIpv4(String s) {
        int[] out = new int[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 3) {
                out[part++] = value;
                value = -1;
            } else {
                return null;
            }
        }
        if (part != 3 || value < 0) {
            return null;
        }
        out[3] = value;
        return out;
    }
}
