package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sbc.signaling.message.SipMessage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of RFC 4475 and RFC 5118 gets the verdict its INDEX.tsv names. The verdict is
 * derived from the index's syntax column; the RFC prose allows either verdict for the "liberal"
 * files, which must then merely not crash. A rejected request must be answerable with the status
 * the RFC names; a rejected response must never be answerable.
 */
class TortureCorpusTest {
    private static final String R4475 = "/io/sbc/signaling/codec/rfc4475/";
    private static final String R5118 = "/io/sbc/signaling/codec/rfc5118/";

    /** RFC 4475 files whose prose lets a liberal element accept ("may reject", "liberal element may"). */
    private static final Set<String> EITHER = Set.of("lwsstart.dat", "trws.dat", "escruri.dat", "baddate.dat",
            "regbadct.dat", "badaspec.dat", "baddn.dat", "badbranch.dat",
            // RFC 5118 §4.10: technically invalid, but implementations MUST tolerate it; strict parsers reject.
            "ipv6-bug-abnf-3-colons.dat");

    /** Syntactically valid messages the RFC nonetheless wants answered 400 (or rejected in framing). */
    private static final Set<String> SEMANTIC_REJECT = Set.of("insuf.dat", "multi01.dat", "mcl01.dat");

    /** Rejected requests answered with something other than 400. */
    private static final Map<String, Integer> STATUS = Map.of("badvers.dat", 505);

    static Stream<Arguments> rfc4475() {
        return Corpus.index(R4475 + "INDEX.tsv").stream().map(r -> Arguments.of(r[0], r[3], r[2]));
    }

    static Stream<Arguments> rfc5118() {
        return Corpus.index(R5118 + "INDEX.tsv").stream().map(r -> Arguments.of(r[0], r[3], r[2]));
    }

    @ParameterizedTest(name = "RFC 4475 {0}: {1}")
    @MethodSource("rfc4475")
    void rfc4475MessageGetsTheVerdictOfItsIndex(String file, String syntax, String title) {
        check(R4475 + file, file, syntax);
    }

    @ParameterizedTest(name = "RFC 5118 {0}: {1}")
    @MethodSource("rfc5118")
    void rfc5118WireMessageGetsTheVerdictOfItsIndex(String file, String syntax, String title) {
        check(R5118 + "wire-crlf/" + file, file, syntax);
    }

    /**
     * The byte-exact archive renderings use bare LF and two of them end without the empty line; the
     * parser accepts those framings. Where the archive's Content-Length exceeds its LF body (ipv6-in-sdp,
     * mult-ip-in-sdp) UDP framing rules make it BODY_TRUNCATED; everything else gets the index verdict.
     */
    @ParameterizedTest(name = "RFC 5118 archive {0}")
    @MethodSource("rfc5118")
    void rfc5118ArchiveMessageWithBareLineFeedsGetsTheSameVerdict(String file, String syntax, String title) {
        byte[] in = Corpus.bytes(R5118 + "archive/" + file);
        ParseResult r = new SipParser().parse(in, 0, in.length);
        if (file.equals("ipv6-in-sdp.dat") || file.equals("mult-ip-in-sdp.dat")) {
            assertEquals(ParseErrorReason.BODY_TRUNCATED, r.error().reason());
            return;
        }
        check(R5118 + "archive/" + file, file, syntax);
    }

    private static void check(String path, String file, String syntax) {
        byte[] in = Corpus.bytes(path);
        SipParser parser = new SipParser();
        ParseResult r = parser.parse(in, 0, in.length);
        String verdict = r.ok() ? "accepted" : "rejected: " + r.error();
        if (r.ok()) {
            exerciseEveryAccessor(r.message());
            byte[] out = SipSerializer.encode(r.message());
            ParseResult again = new SipParser().parse(out, 0, out.length);
            assertTrue(again.ok(), "re-encoded message parses: " + again);
        } else {
            assertFalse(r.error().detail().startsWith("internal"), r.error().toString());
        }
        if (EITHER.contains(file)) {
            return;
        }
        boolean mustAccept = syntax.startsWith("valid") && !SEMANTIC_REJECT.contains(file);
        if (mustAccept) {
            assertTrue(r.ok(), file + " must be accepted, was " + verdict);
            return;
        }
        assertFalse(r.ok(), file + " must be rejected, was " + verdict);
        boolean response = new String(in, 0, 4).equals("SIP/");
        if (response) {
            assertNull(r.error().answerable(), "responses are never answered: " + file);
        } else {
            assertNotNull(r.error().answerable(), file + " is readable enough to answer: " + r.error());
            assertEquals(STATUS.getOrDefault(file, 400), r.error().reason().statusCode(), file);
        }
    }

    /** Touches every lazy accessor: none may throw on a message the parser accepted. */
    static void exerciseEveryAccessor(SipMessage m) {
        try {
            assertNotNull(m.topVia());
            assertFalse(m.vias().isEmpty());
            assertNotNull(m.callId());
            assertNotNull(m.cseq());
            assertNotNull(m.from());
            assertNotNull(m.to());
            m.fromTag();
            m.toTag();
            m.maxForwards();
            m.contacts();
            m.routes();
            m.recordRoutes();
            m.contentType();
            m.body();
            m.bodyParts();
            m.headerFields();
            for (var h : m.headerFields()) {
                m.headerValues(h.name());
            }
            if (m instanceof io.sbc.signaling.message.SipRequest req) {
                assertNotNull(req.requestUri());
                req.method();
                req.methodKind();
            }
        } catch (RuntimeException e) {
            fail("accessor threw on an accepted message", e);
        }
    }
}
