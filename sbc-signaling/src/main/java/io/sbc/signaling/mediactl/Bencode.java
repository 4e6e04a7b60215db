package io.sbc.signaling.mediactl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencode (the ng protocol's body encoding): byte strings, integers, lists and dictionaries.
 * Encoding takes {@code String}, {@code byte[]}, {@code Long}/{@code Integer}, {@code List} and
 * {@code Map<String, ?>} (keys written in sorted order, as bencode requires); strings are written
 * as ISO-8859-1 so that SDP bytes decoded that way go back unchanged. Decoding yields
 * {@code String} (ISO-8859-1, so every byte survives), {@code Long}, {@code List} and
 * {@code Map<String, Object>}; malformed input is a {@link Decoded} with a reason, never an exception.
 *
 * <p>Stateless; safe from any thread. Depth and size are bounded ({@link #MAX_DEPTH}).
 */
public final class Bencode {
    /** Nesting deeper than this is refused: ng replies are at most a few levels deep. */
    public static final int MAX_DEPTH = 32;

    private Bencode() {
    }

    /** The outcome of decoding: a value, or the reason and offset where decoding stopped. */
    public record Decoded(Object value, String error, int offset) {
        public boolean ok() {
            return error == null;
        }
    }

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(value, out);
        return out.toByteArray();
    }

    private static void write(Object v, ByteArrayOutputStream out) {
        if (v instanceof String s) {
            bytes(s.getBytes(StandardCharsets.ISO_8859_1), out);
        } else if (v instanceof byte[] b) {
            bytes(b, out);
        } else if (v instanceof Long || v instanceof Integer) {
            out.writeBytes(("i" + v + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (v instanceof List<?> l) {
            out.write('l');
            for (Object o : l) {
                write(o, out);
            }
            out.write('e');
        } else if (v instanceof Map<?, ?> m) {
            out.write('d');
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sorted.put((String) e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                bytes(e.getKey().getBytes(StandardCharsets.ISO_8859_1), out);
                write(e.getValue(), out);
            }
            out.write('e');
        } else {
            throw new IllegalArgumentException("not bencodable: " + (v == null ? "null" : v.getClass().getName()));
        }
    }

    private static void bytes(byte[] b, ByteArrayOutputStream out) {
        out.writeBytes(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(b);
    }

    public static Decoded decode(byte[] buf, int off, int len) {
        Reader r = new Reader(buf, off, off + len);
        Object v = r.value(0);
        if (r.error != null) {
            return new Decoded(null, r.error, r.pos - off);
        }
        return new Decoded(v, null, r.pos - off);
    }

    private static final class Reader {
        final byte[] b;
        final int end;
        int pos;
        String error;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        Object fail(String reason) {
            if (error == null) {
                error = reason;
            }
            return null;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                return fail("nesting too deep");
            }
            if (pos >= end) {
                return fail("truncated");
            }
            byte c = b[pos];
            if (c == 'i') {
                pos++;
                long n = number('e');
                return error == null ? n : null;
            }
            if (c == 'l') {
                pos++;
                List<Object> l = new ArrayList<>();
                while (pos < end && b[pos] != 'e') {
                    Object o = value(depth + 1);
                    if (error != null) {
                        return null;
                    }
                    l.add(o);
                }
                if (pos >= end) {
                    return fail("unterminated list");
                }
                pos++;
                return l;
            }
            if (c == 'd') {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                while (pos < end && b[pos] != 'e') {
                    Object k = string();
                    if (error != null) {
                        return null;
                    }
                    Object o = value(depth + 1);
                    if (error != null) {
                        return null;
                    }
                    m.put((String) k, o);
                }
                if (pos >= end) {
                    return fail("unterminated dictionary");
                }
                pos++;
                return m;
            }
            if (c >= '0' && c <= '9') {
                return string();
            }
            return fail("unexpected byte");
        }

        Object string() {
            if (pos >= end || b[pos] < '0' || b[pos] > '9') {
                return fail("string expected");
            }
            long n = number(':');
            if (error != null) {
                return null;
            }
            if (n > end - pos) {
                return fail("string overruns input");
            }
            String s = new String(b, pos, (int) n, StandardCharsets.ISO_8859_1);
            pos += (int) n;
            return s;
        }

        long number(char terminator) {
            boolean neg = false;
            if (pos < end && b[pos] == '-') {
                neg = true;
                pos++;
            }
            long n = 0;
            int digits = 0;
            while (pos < end && b[pos] != terminator) {
                byte d = b[pos];
                if (d < '0' || d > '9' || digits > 17) {
                    fail("bad number");
                    return 0;
                }
                n = n * 10 + (d - '0');
                digits++;
                pos++;
            }
            if (pos >= end || digits == 0) {
                fail("bad number");
                return 0;
            }
            pos++;
            return neg ? -n : n;
        }
    }
}
