package io.sbc.policy.compile;

/**
 * The literal text every match of a regex must start with, found once at compile time. A value
 * that does not start with (full match) or contain (search) it cannot match, so the RE2 engine is
 * skipped: with hundreds of routes, most regexes are rejected by one {@code startsWith}. Sound by
 * construction: any alternation, class, group or escape class ends the prefix, and a literal
 * followed by {@code ?}, {@code *} or {@code {} is dropped.
 */
final class LiteralPrefix {
    private LiteralPrefix() {
    }

    static String of(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                return "";
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = regex.startsWith("^") ? 1 : 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            int before = sb.length();
            if (c == '\\') {
                if (i + 1 >= n || Character.isLetterOrDigit(regex.charAt(i + 1))) {
                    break;
                }
                sb.append(regex.charAt(i + 1));
                i += 2;
            } else if ("[](){}.*+?|^$".indexOf(c) >= 0) {
                break;
            } else {
                sb.append(c);
                i++;
            }
            if (i < n && "?*{".indexOf(regex.charAt(i)) >= 0) {
                sb.setLength(before);
                break;
            }
            if (i < n && regex.charAt(i) == '+') {
                break;
            }
        }
        return sb.toString();
    }
}
