package io.sbc.media.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Bencode encoder. Dictionary keys are written sorted by their UTF-8 bytes (BEP 3 canonical form),
 * so encode(decode(x)) == x for canonical input and encode is deterministic. Stateless.
 */
public final class BencodeEncoder {
    private BencodeEncoder() {
    }

    public static byte[] encode(BencodeValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(out, value);
        return out.toByteArray();
    }

    public static void write(ByteArrayOutputStream out, BencodeValue value) {
        if (value instanceof BencodeString s) {
            writeBytes(out, s.rawBytes());
        } else if (value instanceof BencodeInteger i) {
            out.write('i');
            writeAscii(out, Long.toString(i.value()));
            out.write('e');
        } else if (value instanceof BencodeList l) {
            out.write('l');
            for (BencodeValue v : l.items()) {
                write(out, v);
            }
            out.write('e');
        } else {
            BencodeDictionary d = (BencodeDictionary) value;
            {
                out.write('d');
                List<byte[]> keys = new ArrayList<>(d.size());
                List<BencodeValue> values = new ArrayList<>(d.size());
                for (Map.Entry<String, BencodeValue> e : d.entries().entrySet()) {
                    keys.add(e.getKey().getBytes(StandardCharsets.UTF_8));
                }
                Integer[] order = new Integer[keys.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                values.addAll(d.entries().values());
                Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
                for (Integer idx : order) {
                    writeBytes(out, keys.get(idx));
                    write(out, values.get(idx));
                }
                out.write('e');
            }
        }
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] b) {
        writeAscii(out, Integer.toString(b.length));
        out.write(':');
        out.write(b, 0, b.length);
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }
}
