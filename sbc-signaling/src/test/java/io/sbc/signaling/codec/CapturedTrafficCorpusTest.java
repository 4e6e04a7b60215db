package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.message.SipMessage;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PROTOS c07-sip test cases are survived; every real-world capture parses and round-trips exactly. */
class CapturedTrafficCorpusTest {
    private static final String PROTOS = "/io/sbc/signaling/codec/protos-c07-sip/";
    private static final String REAL = "/io/sbc/signaling/codec/real-world/";

    static Stream<String> protosCases() {
        return Corpus.index(PROTOS + "INDEX.tsv").stream().map(r -> String.format("tc-%04d.sip", Integer.parseInt(r[0])));
    }

    static Stream<String> realWorld() {
        return Corpus.index(REAL + "INDEX.tsv").stream().map(r -> r[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protosCases")
    void protosCaseYieldsMessageOrCodecErrorNeverAnException(String file) {
        byte[] in = Corpus.bytes(PROTOS + file);
        ParseResult r = new SipParser().parse(in, 0, in.length);
        if (file.equals("tc-0000.sip")) {
            assertTrue(r.ok(), "the valid PROTOS reference INVITE parses: " + r);
            TortureCorpusTest.exerciseEveryAccessor(r.message());
        } else if (!r.ok()) {
            assertFalse(r.error().detail().startsWith("internal"), r.error().toString());
        } else {
            TortureCorpusTest.exerciseEveryAccessor(r.message());
        }
    }

    @Test
    void protosCorpusHasAllThirtySevenCases() {
        assertEquals(37, protosCases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realWorld")
    void realWorldMessageParsesAndEncodesToItsExactBytes(String file) {
        byte[] in = Corpus.bytes(REAL + file);
        ParseResult r = new SipParser().parse(in, 0, in.length);
        assertTrue(r.ok(), file + ": " + r);
        SipMessage m = r.message();
        TortureCorpusTest.exerciseEveryAccessor(m);
        byte[] out = SipSerializer.encode(m);
        int start = 0;
        while (in[start] == '\r' || in[start] == '\n') {
            start++;
        }
        assertArrayEquals(Arrays.copyOfRange(in, start, start + out.length), out);
        assertEquals(in.length - start, out.length, "no bytes lost or added");
    }
}
