package io.sbc.signaling.transaction;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.codec.SipParserLimits;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-mutated messages (seeded; the seed is in every failure message): whatever the codec accepts, the
 * layer handles without throwing and answers with a result, and the tables stay bounded.
 */
class TransactionLayerMutatedInputTest {

    private static final SipParser PARSER = new SipParser(SipParserLimits.defaults());
    private static final byte[] PUNCTUATION = ";:,<>@=\" \t/\r\n".getBytes(StandardCharsets.US_ASCII);

    static Stream<Long> seeds() {
        SplittableRandom master = new SplittableRandom(6026L);
        return LongStream.generate(master::nextLong).limit(20).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void handlesEveryMessageTheCodecAcceptsWithoutThrowing(long seed) {
        RandomGenerator rnd = new SplittableRandom(seed);
        LayerFixture f = new LayerFixture(TransactionConfig.defaults().withMaxTransactions(16, 16));
        f.user.onRequestAction = (tx, r) -> {
            if (rnd.nextBoolean()) {
                tx.sendResponse(SipResponses.create(r, 100 + rnd.nextInt(6) * 100, "R", "sbc"));
            }
        };
        SipRequest sent = SipText.invite("z9hG4bK-mut");
        f.layer.sendRequest(sent, LayerFixture.UDP_PEER).orElseThrow();
        List<String> templates = List.of(
                SipText.method("INVITE", "z9hG4bK-mut", "192.0.2.10:5060", null, 1),
                SipText.method("ACK", "z9hG4bK-mut", "192.0.2.10", "sbc", 1),
                SipText.method("CANCEL", null, "192.0.2.10:5060", null, 1),
                SipText.method("OPTIONS", "z9hG4bKx", "[2001:db8::1]:5060", "t", 9),
                "SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-mut\n"
                        + "From: <sip:a@192.0.2.10>;tag=from-1\nTo: <sip:b@198.51.100.20>;tag=u\n"
                        + "Call-ID: call-z9hG4bK-mut@192.0.2.10\nCSeq: 1 INVITE\nContent-Length: 0\n\n");
        int accepted = 0;
        for (int i = 0; i < 500; i++) {
            byte[] bytes = templates.get(rnd.nextInt(templates.size())).replace("\n", "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(bytes.length);
                bytes[at] = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : PUNCTUATION[rnd.nextInt(PUNCTUATION.length)];
            }
            ParseResult result = PARSER.parse(bytes, 0, bytes.length);
            if (!result.ok()) {
                continue;
            }
            accepted++;
            SipMessage message = result.message();
            InboundResult outcome;
            try {
                outcome = message instanceof SipResponse response
                        ? f.layer.receiveResponse(response, LayerFixture.UDP_PEER)
                        : f.layer.receiveRequest((SipRequest) message, LayerFixture.UDP_SOURCE);
            } catch (RuntimeException ex) {
                throw new AssertionError("seed=" + seed + " input:\n" + new String(bytes, StandardCharsets.ISO_8859_1), ex);
            }
            assertNotNull(outcome, "seed=" + seed);
            if (rnd.nextInt(10) == 0) {
                f.advanceMillis(rnd.nextInt(10_000));
            }
            assertTrue(f.layer.serverTransactionCount() <= 16, "seed=" + seed);
        }
        assertTrue(accepted > 0, "seed=" + seed + ": no mutated message parsed, the test exercised nothing");
    }
}
