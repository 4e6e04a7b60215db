package io.sbc.signaling.codec;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * The codec properties over a seeded {@link RandomGenerator}: many iterations quickly, and a failure
 * names its seed and iteration so it can be replayed.
 */
class SipCodecPropertyTest {
    private static final int ITERATIONS = 400;

    static LongStream seeds() {
        return LongStream.range(0, 10).map(i -> 0x5EED_0000L + i * 7919);
    }

    private static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedMessagesParseAfterSerializeToTheSameMessage(long seed) {
        RandomGenerator rng = rng(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            try {
                CodecProperties.roundTrip(SipMessageGenerator.Choices.of(rng));
            } catch (AssertionFailedError e) {
                throw new AssertionError("seed " + seed + " iteration " + i + ": " + e.getMessage(), e);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mutatedValidMessagesYieldMessageOrCodecErrorNeverAnException(long seed) {
        RandomGenerator rng = rng(seed);
        for (int i = 0; i < ITERATIONS * 2; i++) {
            try {
                CodecProperties.mutation(SipMessageGenerator.Choices.of(rng));
            } catch (AssertionFailedError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " iteration " + i + ": " + e, e);
            }
        }
    }
}
