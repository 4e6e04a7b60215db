package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsciiStringsTest {
    @Test
    void utf8AndLatin1DecodeRandomRangesLikeTheCharsetConstructors() {
        long seed = System.nanoTime();
        java.util.random.RandomGenerator rnd = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            boolean ascii = rnd.nextBoolean();
            for (int i = 0; i < b.length; i++) {
                // Mostly ASCII; otherwise any byte, so valid and broken UTF-8 sequences both occur.
                b[i] = (byte) (ascii || rnd.nextInt(6) != 0 ? rnd.nextInt(128) : rnd.nextInt(256));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int n = rnd.nextInt(b.length - from + 1);
            String what = "range " + from + "+" + n + " of " + java.util.Arrays.toString(b) + " (seed " + seed + ")";
            assertEquals(new String(b, from, n, StandardCharsets.UTF_8), AsciiStrings.utf8(b, from, n), what);
            assertEquals(new String(b, from, n, StandardCharsets.ISO_8859_1), AsciiStrings.latin1(b, from, n), what);
        }
    }

    @Test
    void commonTokensAreSharedInstancesAndOthersAreDecoded() {
        byte[] b = "xINVITEx caf\u00e9".getBytes(StandardCharsets.UTF_8);
        assertSame("INVITE", AsciiStrings.of(b, 1, 7));
        assertEquals("caf\u00e9", AsciiStrings.of(b, 9, b.length));
    }
}
