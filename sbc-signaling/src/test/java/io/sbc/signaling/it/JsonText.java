package io.sbc.signaling.it;

/**
 * A strict RFC 8259 syntax check for one JSON text (tests only: the SBC's JSON log lines). Says
 * whether the whole string is exactly one JSON object; no values are built.
 */
final class JsonText {
    private final String s;
    private int i;

    private JsonText(String s) {
        this.s = s;
    }

    /** True when {@code line} is one JSON object and nothing else (whitespace aside). */
    static boolean isObject(String line) {
        JsonText p = new JsonText(line);
        p.ws();
        if (p.i >= line.length() || line.charAt(p.i) != '{') {
            return false;
        }
        if (!p.value()) {
            return false;
        }
        p.ws();
        return p.i == line.length();
    }

    private void ws() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
    }

    private boolean value() {
        ws();
        if (i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean object() {
        i++;
        ws();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return true;
        }
        while (true) {
            ws();
            if (i >= s.length() || s.charAt(i) != '"' || !string()) {
                return false;
            }
            ws();
            if (i >= s.length() || s.charAt(i++) != ':' || !value()) {
                return false;
            }
            ws();
            if (i >= s.length()) {
                return false;
            }
            char c = s.charAt(i++);
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    private boolean array() {
        i++;
        ws();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return true;
        }
        while (true) {
            if (!value()) {
                return false;
            }
            ws();
            if (i >= s.length()) {
                return false;
            }
            char c = s.charAt(i++);
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    private boolean string() {
        i++;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (i >= s.length()) {
                    return false;
                }
                char e = s.charAt(i++);
                if (e == 'u') {
                    if (i + 4 > s.length()) {
                        return false;
                    }
                    for (int k = 0; k < 4; k++) {
                        if (Character.digit(s.charAt(i++), 16) < 0) {
                            return false;
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    return false;
                }
            }
        }
        return false;
    }

    private boolean literal(String word) {
        if (s.startsWith(word, i)) {
            i += word.length();
            return true;
        }
        return false;
    }

    private boolean number() {
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        int digits = digits();
        if (digits == 0 || digits > 1 && s.charAt(i - digits) == '0') {
            return false;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            if (digits() == 0) {
                return false;
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        return i > start;
    }

    private int digits() {
        int n = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            n++;
        }
        return n;
    }
}
