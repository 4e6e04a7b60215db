package io.sbc.media.srtp;

import java.util.HexFormat;

/** Hex helpers for tests. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }

    /** {@code hex} copied into a larger array at {@code off}, with room for a trailer. */
    static byte[] padded(String hex, int off, int room) {
        byte[] b = bytes(hex);
        byte[] out = new byte[off + b.length + room];
        System.arraycopy(b, 0, out, off, b.length);
        return out;
    }
}
