package io.sbc.media.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded generator properties; the seed is the test's display name. */
class BencodePropertyTest {
    private final BencodeDecoder decoder = new BencodeDecoder();

    static LongStream seeds() {
        return LongStream.range(1, 201).map(i -> 0x5eedL * i);
    }

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    static BencodeValue randomValue(RandomGenerator r, int depth) {
        int kind = r.nextInt(depth > 3 ? 2 : 4);
        switch (kind) {
            case 0: {
                byte[] b = new byte[r.nextInt(20)];
                r.nextBytes(b);
                return BencodeString.of(b);
            }
            case 1:
                return new BencodeInteger(r.nextBoolean() ? r.nextLong() : r.nextInt(1000) - 500);
            case 2: {
                List<BencodeValue> items = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    items.add(randomValue(r, depth + 1));
                }
                return new BencodeList(items);
            }
            default: {
                Map<String, BencodeValue> m = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    StringBuilder k = new StringBuilder();
                    for (int j = r.nextInt(8); j >= 0; j--) {
                        k.append((char) (r.nextBoolean() ? 'a' + r.nextInt(26) : 0x3b1 + r.nextInt(20)));
                    }
                    m.put(k.toString(), randomValue(r, depth + 1));
                }
                return new BencodeDictionary(m);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void encodeThenDecodeIsIdentity(long seed) {
        BencodeValue v = randomValue(rng(seed), 0);
        byte[] wire = BencodeEncoder.encode(v);
        BencodeResult r = decoder.decode(wire);
        assertTrue(r.isOk(), "seed " + seed + ": " + r.errorReason());
        assertEquals(v, r.value(), "seed " + seed);
        assertArrayEquals(wire, BencodeEncoder.encode(r.value()), "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomOrMutatedBytesYieldValueOrReasonNeverException(long seed) {
        RandomGenerator r = rng(seed);
        byte[] wire = BencodeEncoder.encode(randomValue(r, 0));
        for (int round = 0; round < 20; round++) {
            byte[] in;
            if (round % 2 == 0) {
                in = new byte[r.nextInt(64)];
                for (int i = 0; i < in.length; i++) {
                    in[i] = (byte) "dlie0123456789:-x".charAt(r.nextInt(17));
                }
            } else {
                in = wire.clone();
                if (in.length > 0) {
                    in[r.nextInt(in.length)] = (byte) r.nextInt(256);
                }
            }
            BencodeResult res = decoder.decode(in);
            if (!res.isOk()) {
                assertNotNull(res.errorReason(), "seed " + seed);
                assertTrue(res.errorOffset() >= 0 && res.errorOffset() <= in.length, "seed " + seed);
            }
        }
    }
}
