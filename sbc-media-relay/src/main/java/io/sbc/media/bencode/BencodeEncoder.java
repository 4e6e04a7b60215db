package io.sbc.media.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Bencode encoder. Dictionary keys are written sorted by their UTF-8 bytes (BEP 3 canonical form),
 * so encode(decode(x)) == x for canonical input and encode is deterministic. Stateless.
 */
public final class BencodeEncoder {
    private BencodeEncoder() {
    }

    public static byte[] encode(BencodeValue value) {
        Out out = new Out(512);
        write(out, value);
        return out.toByteArray();
    }

    /**
     * A growable byte array without ByteArrayOutputStream's per-call lock (every reply of the ng
     * control thread is written byte by byte here; an uncontended lock per byte still costs a CAS).
     */
    private static final class Out {
        /** Scratch for one decimal number, written right to left (19 digits: Long.MAX_VALUE). */
        final byte[] digits = new byte[19];
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            if (size + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        /** An ASCII string's chars as bytes, with no intermediate array. */
        void writeAscii(String ascii) {
            int len = ascii.length();
            if (size + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
            }
            for (int i = 0; i < len; i++) {
                buf[size + i] = (byte) ascii.charAt(i);
            }
            size += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    private static void write(Out out, BencodeValue value) {
        if (value instanceof BencodeString s) {
            writeBytes(out, s.rawBytes());
        } else if (value instanceof BencodeInteger i) {
            out.write('i');
            writeDecimal(out, i.value());
            out.write('e');
        } else if (value instanceof BencodeList l) {
            out.write('l');
            for (BencodeValue v : l.items()) {
                write(out, v);
            }
            out.write('e');
        } else {
            writeDictionary(out, (BencodeDictionary) value);
        }
    }

    /**
     * Keys in UTF-8 byte order (BEP 3). Replies are built in that order already (and a decoded
     * dictionary keeps the wire order), so the common case is one pass that finds them sorted; an
     * insertion sort handles the rest (dictionaries have a few dozen keys at most). The ng control
     * thread encodes every reply with this: no boxed indexes, no comparator lambda (profiled, issue #5).
     */
    private static void writeDictionary(Out out, BencodeDictionary d) {
        if (asciiKeysInOrder(d)) {
            // The common case (every reply the ng control thread builds): keys already in byte order,
            // written straight from the Strings, no key arrays (profiled, issue #5).
            out.write('d');
            for (Map.Entry<String, BencodeValue> e : d.entries().entrySet()) {
                String k = e.getKey();
                writeDecimal(out, k.length());
                out.write(':');
                out.writeAscii(k);
                write(out, e.getValue());
            }
            out.write('e');
            return;
        }
        int n = d.size();
        byte[][] keys = new byte[n][];
        BencodeValue[] values = new BencodeValue[n];
        int i = 0;
        boolean sorted = true;
        for (Map.Entry<String, BencodeValue> e : d.entries().entrySet()) {
            keys[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
            values[i] = e.getValue();
            if (sorted && i > 0 && Arrays.compareUnsigned(keys[i - 1], keys[i]) > 0) {
                sorted = false;
            }
            i++;
        }
        if (!sorted) {
            for (int j = 1; j < n; j++) {
                byte[] k = keys[j];
                BencodeValue v = values[j];
                int m = j - 1;
                while (m >= 0 && Arrays.compareUnsigned(keys[m], k) > 0) {
                    keys[m + 1] = keys[m];
                    values[m + 1] = values[m];
                    m--;
                }
                keys[m + 1] = k;
                values[m + 1] = v;
            }
        }
        out.write('d');
        for (int j = 0; j < n; j++) {
            writeBytes(out, keys[j]);
            write(out, values[j]);
        }
        out.write('e');
    }

    /**
     * True when every key is ASCII and the keys come in strictly ascending order: for ASCII,
     * {@link String#compareTo} orders as the UTF-8 bytes do, so the wire order is the map's order.
     */
    private static boolean asciiKeysInOrder(BencodeDictionary d) {
        String prev = null;
        for (String k : d.entries().keySet()) {
            for (int i = 0; i < k.length(); i++) {
                if (k.charAt(i) >= 0x80) {
                    return false;
                }
            }
            if (prev != null && prev.compareTo(k) >= 0) {
                return false;
            }
            prev = k;
        }
        return true;
    }

    private static void writeBytes(Out out, byte[] b) {
        writeDecimal(out, b.length);
        out.write(':');
        out.write(b, 0, b.length);
    }

    /** A decimal integer without a String (Long.MIN_VALUE included). */
    private static void writeDecimal(Out out, long v) {
        if (v == Long.MIN_VALUE) {
            byte[] b = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            out.write(b, 0, b.length);
            return;
        }
        if (v < 0) {
            out.write('-');
            v = -v;
        }
        byte[] digits = out.digits;
        int p = digits.length;
        do {
            digits[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        out.write(digits, p, digits.length - p);
    }
}
