package io.sbc.signaling.core;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Tags the SBC writes (RFC 3261 §19.3: at least 32 bits of randomness, globally unique). 64 random
 * bits in hex; no address, host name or counter that would reveal topology or call volume.
 */
final class Tags {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Tags() {}

    static String newTag() {
        long v = ThreadLocalRandom.current().nextLong();
        char[] c = new char[16];
        for (int i = 15; i >= 0; i--) {
            c[i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
        return new String(c);
    }
}
