package io.sbc.signaling.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a WWW-Authenticate / Proxy-Authenticate / Authorization / Proxy-Authorization value into
 * {@code scheme} and auth-params (RFC 3261 §25.1 {@code challenge} and {@code credentials}, RFC 7235
 * §2.1). One value may carry several challenges ({@code Digest a=1, Digest a=2}): a token that is not
 * followed by {@code =} starts the next one. Parameter names are lower-cased; quoted values are
 * unquoted with backslash escapes resolved.
 *
 * <p>Malformed input is data: {@link #parse} returns what it could read, and an empty list when the
 * value is not readable at all. Bounded: values longer than {@link #MAX_VALUE_CHARS} and more than
 * {@link #MAX_PARAMS} parameters per challenge are refused (empty result).
 */
public final class AuthHeaderParser {
    /** Longest header value read; real challenges are under 500 characters. */
    public static final int MAX_VALUE_CHARS = 4096;
    /** Most parameters in one challenge or credentials. */
    public static final int MAX_PARAMS = 32;

    /** One challenge or credentials: the scheme as written and its parameters (names lower-case). */
    public record Parsed(String scheme, Map<String, String> params) {
        public String param(String name) {
            return params.get(name);
        }
    }

    private AuthHeaderParser() {
    }

    public static List<Parsed> parse(String value) {
        List<Parsed> out = new ArrayList<>(2);
        if (value == null || value.length() > MAX_VALUE_CHARS) {
            return out;
        }
        int n = value.length();
        int i = skipSpaces(value, 0);
        String scheme = null;
        Map<String, String> params = null;
        while (i < n) {
            int t = token(value, i);
            if (t == i) {
                return List.of(); // neither token nor end: not a challenge
            }
            String name = value.substring(i, t);
            int j = skipSpaces(value, t);
            if (j < n && value.charAt(j) == '=' && scheme != null) {
                j = skipSpaces(value, j + 1);
                String v;
                if (j < n && value.charAt(j) == '"') {
                    StringBuilder sb = new StringBuilder();
                    int k = j + 1;
                    while (k < n && value.charAt(k) != '"') {
                        char c = value.charAt(k);
                        if (c == '\\' && k + 1 < n) {
                            k++;
                            c = value.charAt(k);
                        }
                        sb.append(c);
                        k++;
                    }
                    if (k >= n) {
                        return List.of(); // unterminated quoted string
                    }
                    v = sb.toString();
                    j = k + 1;
                } else {
                    int k = token(value, j);
                    v = value.substring(j, k);
                    j = k;
                }
                if (params.size() >= MAX_PARAMS) {
                    return List.of();
                }
                params.putIfAbsent(name.toLowerCase(Locale.ROOT), v);
                j = skipSpaces(value, j);
                if (j < n && value.charAt(j) == ',') {
                    j = skipSpaces(value, j + 1);
                } else if (j < n && !isTokenChar(value.charAt(j))) {
                    return List.of();
                }
                i = j;
            } else {
                // A bare token: the scheme of a new challenge (RFC 7235 §4.1 allows several per field).
                if (scheme != null) {
                    out.add(new Parsed(scheme, params));
                }
                scheme = name;
                params = new LinkedHashMap<>();
                i = j;
            }
        }
        if (scheme != null) {
            out.add(new Parsed(scheme, params));
        }
        return out;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r'
                || s.charAt(i) == '\n')) {
            i++;
        }
        return i;
    }

    private static int token(String s, int i) {
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** RFC 3261 §25.1 token characters. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~/:@".indexOf(c) >= 0;
    }
}
