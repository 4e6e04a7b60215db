package io.sbc.policy.compile;

import java.util.function.UnaryOperator;

/**
 * Finds the user part of the sip:, sips: or tel: URI inside a name-addr header value such as
 * {@code "Alice" <sip:+15551230000@example.com;user=phone>} (RFC 3261 section 20.10, RFC 3966).
 */
final class UriUser {
    private UriUser() {
    }

    /** The value with the user replaced by {@code f(user)}; null when no user or f returns null. */
    static String replace(String value, UnaryOperator<String> f) {
        int lt = value.indexOf('<');
        int start = lt >= 0 ? lt + 1 : 0;
        int scheme = value.indexOf(':', start);
        if (scheme < 0) {
            return null;
        }
        String s = value.substring(start, scheme).trim().toLowerCase();
        if (!(s.equals("sip") || s.equals("sips") || s.equals("tel"))) {
            return null;
        }
        int userStart = scheme + 1;
        int close = lt >= 0 ? value.indexOf('>', userStart) : -1;
        int limit = close >= 0 ? close : value.length();
        int end;
        if (s.equals("tel")) {
            end = userStart;
            while (end < limit && value.charAt(end) != ';' && value.charAt(end) != '?') {
                end++;
            }
        } else {
            end = value.indexOf('@', userStart);
            if (end < 0 || end > limit) {
                return null;
            }
            // A ';' before '@' starts user parameters (RFC 4694 style ";npdi"): keep them after the number.
            int semi = value.indexOf(';', userStart);
            if (semi >= 0 && semi < end) {
                end = semi;
            }
        }
        if (end == userStart) {
            return null;
        }
        String user = value.substring(userStart, end);
        String nu = f.apply(user);
        return nu == null ? null : value.substring(0, userStart) + nu + value.substring(end);
    }
}
