package io.sbc.media.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

class BencodeDecoderFuzzTest {
    private static final BencodeDecoder DECODER = new BencodeDecoder();

    /** Arbitrary bytes give a value or a reason; a value re-encodes and decodes to itself. */
    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesNeverThrow(byte[] input) {
        BencodeResult r = DECODER.decode(input);
        if (r.isOk()) {
            byte[] again = BencodeEncoder.encode(r.value());
            BencodeResult r2 = DECODER.decode(again);
            assertArrayEquals(again, BencodeEncoder.encode(r2.value()));
        } else {
            assertNotNull(r.errorReason());
        }
    }
}
