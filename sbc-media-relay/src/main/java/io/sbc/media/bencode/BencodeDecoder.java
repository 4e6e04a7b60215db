package io.sbc.media.bencode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Strict, bounded bencode decoder (BEP 3).
 *
 * <p>Rejects: leading zeros and {@code -0} in integers, integers outside the signed 64-bit range,
 * string lengths beyond the input or {@link BencodeLimits#maxStringBytes()}, nesting beyond
 * {@link BencodeLimits#maxDepth()}, more than {@link BencodeLimits#maxItems()} values, duplicate or
 * non-UTF-8 dictionary keys, and trailing bytes after the top-level value. Dictionary key order is
 * not enforced because rtpengine's clients (Kamailio, OpenSIPS) do not sort keys.
 *
 * <p>Stateless apart from one decode call's cursor; a new cursor is created per call, so one
 * instance may be shared by threads. Never throws on bad input: every defect is a
 * {@link BencodeResult} with a reason and an offset.
 */
public final class BencodeDecoder {
    private final BencodeLimits limits;

    public BencodeDecoder(BencodeLimits limits) {
        this.limits = limits;
    }

    public BencodeDecoder() {
        this(BencodeLimits.DEFAULT);
    }

    public BencodeResult decode(byte[] input) {
        return decode(input, 0, input.length);
    }

    /** Decodes exactly {@code input[offset, offset+length)} as one value. */
    public BencodeResult decode(byte[] input, int offset, int length) {
        if (length > limits.maxInputBytes()) {
            return BencodeResult.error("input longer than " + limits.maxInputBytes() + " bytes", offset);
        }
        if (length == 0) {
            return BencodeResult.error("empty input", offset);
        }
        Cursor c = new Cursor(input, offset, offset + length);
        BencodeValue v = value(c, 0);
        if (v == null) {
            return BencodeResult.error(c.error, c.errorAt);
        }
        if (c.pos != c.end) {
            return BencodeResult.error("trailing bytes after value", c.pos);
        }
        return BencodeResult.ok(v);
    }

    private static final class Cursor {
        final byte[] in;
        final int end;
        int pos;
        int items;
        String error;
        int errorAt;

        Cursor(byte[] in, int pos, int end) {
            this.in = in;
            this.pos = pos;
            this.end = end;
        }

        <T> T fail(String reason) {
            if (error == null) {
                error = reason;
                errorAt = pos;
            }
            return null;
        }
    }

    private BencodeValue value(Cursor c, int depth) {
        if (c.pos >= c.end) {
            return c.fail("unexpected end of input");
        }
        if (++c.items > limits.maxItems()) {
            return c.fail("more than " + limits.maxItems() + " values");
        }
        byte b = c.in[c.pos];
        if (b == 'i') {
            return integer(c);
        }
        if (b == 'l' || b == 'd') {
            if (depth + 1 > limits.maxDepth()) {
                return c.fail("nesting deeper than " + limits.maxDepth());
            }
            return b == 'l' ? list(c, depth + 1) : dictionary(c, depth + 1);
        }
        if (b >= '0' && b <= '9') {
            return string(c);
        }
        return c.fail("unexpected byte 0x" + Integer.toHexString(b & 0xff));
    }

    private BencodeValue integer(Cursor c) {
        c.pos++; // 'i'
        int start = c.pos;
        boolean negative = false;
        if (c.pos < c.end && c.in[c.pos] == '-') {
            negative = true;
            c.pos++;
        }
        int digitsStart = c.pos;
        long acc = 0; // accumulated as a negative number so Long.MIN_VALUE fits
        while (c.pos < c.end && c.in[c.pos] >= '0' && c.in[c.pos] <= '9') {
            int d = c.in[c.pos] - '0';
            if (acc < (Long.MIN_VALUE + d) / 10) {
                return c.fail("integer out of 64-bit range");
            }
            acc = acc * 10 - d;
            c.pos++;
        }
        int digits = c.pos - digitsStart;
        if (digits == 0) {
            return c.fail("integer without digits");
        }
        if (c.pos >= c.end || c.in[c.pos] != 'e') {
            return c.fail("integer not terminated by 'e'");
        }
        if (c.in[digitsStart] == '0' && (digits > 1 || negative)) {
            c.pos = start;
            return c.fail("integer with leading zero or -0");
        }
        c.pos++; // 'e'
        if (!negative) {
            if (acc == Long.MIN_VALUE) {
                return c.fail("integer out of 64-bit range");
            }
            acc = -acc;
        }
        return new BencodeInteger(acc);
    }

    private BencodeString string(Cursor c) {
        int start = c.pos;
        long len = 0;
        while (c.pos < c.end && c.in[c.pos] >= '0' && c.in[c.pos] <= '9') {
            len = len * 10 + (c.in[c.pos] - '0');
            if (len > limits.maxStringBytes()) {
                return c.fail("string longer than " + limits.maxStringBytes() + " bytes");
            }
            c.pos++;
        }
        if (c.pos >= c.end || c.in[c.pos] != ':') {
            return c.fail("string length not followed by ':'");
        }
        if (c.in[start] == '0' && c.pos - start > 1) {
            return c.fail("string length with leading zero");
        }
        c.pos++; // ':'
        if (len > c.end - c.pos) {
            return c.fail("string length beyond end of input");
        }
        byte[] bytes = new byte[(int) len];
        System.arraycopy(c.in, c.pos, bytes, 0, bytes.length);
        c.pos += bytes.length;
        return BencodeString.wrap(bytes);
    }

    private BencodeList list(Cursor c, int depth) {
        c.pos++; // 'l'
        List<BencodeValue> items = new ArrayList<>();
        while (true) {
            if (c.pos >= c.end) {
                return c.fail("list not terminated");
            }
            if (c.in[c.pos] == 'e') {
                c.pos++;
                return new BencodeList(items);
            }
            BencodeValue v = value(c, depth);
            if (v == null) {
                return null;
            }
            items.add(v);
        }
    }

    private BencodeDictionary dictionary(Cursor c, int depth) {
        c.pos++; // 'd'
        LinkedHashMap<String, BencodeValue> map = new LinkedHashMap<>();
        while (true) {
            if (c.pos >= c.end) {
                return c.fail("dictionary not terminated");
            }
            if (c.in[c.pos] == 'e') {
                c.pos++;
                return new BencodeDictionary(map);
            }
            int keyAt = c.pos;
            byte b = c.in[c.pos];
            if (b < '0' || b > '9') {
                return c.fail("dictionary key is not a byte string");
            }
            if (++c.items > limits.maxItems()) {
                return c.fail("more than " + limits.maxItems() + " values");
            }
            BencodeString key = string(c);
            if (key == null) {
                return null;
            }
            String k = key.asStrictUtf8OrNull();
            if (k == null) {
                c.pos = keyAt;
                return c.fail("dictionary key is not UTF-8");
            }
            if (map.containsKey(k)) {
                c.pos = keyAt;
                return c.fail("duplicate dictionary key '" + k + "'");
            }
            BencodeValue v = value(c, depth);
            if (v == null) {
                return null;
            }
            map.put(k, v);
        }
    }
}
