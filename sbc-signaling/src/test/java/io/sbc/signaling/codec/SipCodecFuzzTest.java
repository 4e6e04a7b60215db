package io.sbc.signaling.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests of the codec properties. In the default regression mode they run the seeds in
 * {@code SipCodecFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} they fuzz (coverage-guided)
 * for the given duration. The same properties run many seeded iterations in
 * {@link SipCodecPropertyTest}.
 */
class SipCodecFuzzTest {
    /** Generated valid messages: parse, re-encode exactly, and survive modification (parse after serialize). */
    @FuzzTest(maxDuration = "30s")
    void generatedMessagesParseAfterSerializeToTheSameMessage(FuzzedDataProvider data) {
        CodecProperties.roundTrip(SipMessageGenerator.Choices.of(data));
    }

    /** Random byte mutations of generated valid messages give a message or the codec's own error. */
    @FuzzTest(maxDuration = "30s")
    void mutatedValidMessagesYieldMessageOrCodecError(FuzzedDataProvider data) {
        CodecProperties.mutation(SipMessageGenerator.Choices.of(data));
    }

    /** Any bytes at all (seeded with torture and PROTOS messages) give a message or the codec's own error. */
    @FuzzTest(maxDuration = "30s")
    void arbitraryBytesYieldMessageOrCodecError(byte[] data) {
        CodecProperties.survives(data);
    }
}
