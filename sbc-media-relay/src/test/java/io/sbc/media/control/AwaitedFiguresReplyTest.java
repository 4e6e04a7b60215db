package io.sbc.media.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeEncoder;
import io.sbc.media.session.ReceptionFigures;
import io.sbc.media.session.StreamInfo;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A delete whose final stream figures a relay worker still owes does not hold up the control
 * thread: later commands are answered at once, and the delete's reply (with the figures) goes out
 * when they arrive, or without them after {@link NgCommandDispatcher#FIGURES_WAIT_MS}.
 */
class AwaitedFiguresReplyTest {
    private static final InetSocketAddress CONTROLLER = new InetSocketAddress("127.0.0.1", 40000);
    private final NgHarness ng = new NgHarness();
    private final NgMessageProcessor processor =
            new NgMessageProcessor(ng.dispatcher, 100, Duration.ofSeconds(30).toNanos(), ng.clock);
    private final List<String> sent = new ArrayList<>();
    private final AtomicInteger wakeups = new AtomicInteger();

    AwaitedFiguresReplyTest() {
        processor.onFiguresArrived(wakeups::incrementAndGet);
    }

    private static byte[] datagram(String cookie, Object... kv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(cookie.getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(BencodeEncoder.encode(NgHarness.request(kv)));
        return out.toByteArray();
    }

    private String process(byte[] d) {
        byte[] r = processor.process(d, 0, d.length, CONTROLLER);
        return r == null ? null : new String(r, StandardCharsets.ISO_8859_1);
    }

    private void complete() throws Exception {
        processor.completeAwaited((datagram, target) -> {
            assertEquals(CONTROLLER, target);
            sent.add(new String(datagram, StandardCharsets.ISO_8859_1));
        });
    }

    private long stream(String tag) {
        for (StreamInfo s : ng.streams.values()) {
            if (s.tag().equals(tag)) {
                return s.streamId();
            }
        }
        throw new AssertionError("no stream for tag " + tag);
    }

    private void call(String callId) {
        assertNotNull(process(datagram("o_" + callId, "command", "offer", "call-id", callId, "from-tag", "a",
                "sdp", NgCommandDispatcherTest.OFFER, "direction", List.of("pbx", "carrier"))));
        assertNotNull(process(datagram("a_" + callId, "command", "answer", "call-id", callId, "from-tag", "a",
                "to-tag", "b", "sdp", NgCommandDispatcherTest.ANSWER)));
    }

    @Test
    void deleteReplyWaitsForFiguresWithoutHoldingLaterCommands() throws Exception {
        call("c1");
        ng.figures.put(stream("a"), new ReceptionFigures(4242, 100, 98, 2, 1.5, -1, 4.2));
        ng.figuresGate = new CompletableFuture<>();

        assertNull(process(datagram("d_c1", "command", "delete", "call-id", "c1", "from-tag", "a")),
                "no reply before the worker's figures");
        assertEquals(1, processor.awaitingReplies());
        assertNull(process(datagram("d_c1", "command", "delete", "call-id", "c1", "from-tag", "a")),
                "a retransmission meanwhile is a duplicate of a command still executing");
        assertEquals("p_1 d6:result4:ponge", process("p_1 d7:command4:pinge".getBytes(StandardCharsets.US_ASCII)),
                "later commands are answered at once");
        complete();
        assertTrue(sent.isEmpty(), "nothing to send yet");

        ng.figuresGate.complete(null);
        assertEquals(1, wakeups.get(), "the worker's answer wakes the control thread");
        complete();
        assertEquals(1, sent.size());
        String reply = sent.get(0);
        assertTrue(reply.startsWith("d_c1 d"), reply);
        assertTrue(reply.contains("4:SSRCd4:4242d"), "the final figures are in the reply: " + reply);
        assertEquals(0, processor.awaitingReplies());
        assertEquals(1, ng.dispatcher.counters().terminated, "the delete ran once");

        assertEquals(reply, process(datagram("d_c1", "command", "delete", "call-id", "c1", "from-tag", "a")),
                "a later retransmission gets the same reply from the cache");
    }

    @Test
    void deleteReplyGoesWithoutFiguresOnceTheWaitBoundPasses() throws Exception {
        call("c2");
        ng.figuresGate = new CompletableFuture<>();
        assertNull(process(datagram("d_c2", "command", "delete", "call-id", "c2", "from-tag", "a")));
        assertEquals(NgCommandDispatcher.FIGURES_WAIT_MS * 1_000_000L, processor.nanosToNextAwaitedDeadline(ng.clock.getAsLong()));

        ng.clock.advance(Duration.ofMillis(NgCommandDispatcher.FIGURES_WAIT_MS - 1));
        complete();
        assertTrue(sent.isEmpty());
        ng.clock.advance(Duration.ofMillis(1));
        complete();
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).startsWith("d_c2 d") && sent.get(0).contains("6:result2:ok"), sent.get(0));
        assertTrue(!sent.get(0).contains("4:SSRC"), "no figures: " + sent.get(0));
        assertEquals(Long.MAX_VALUE, processor.nanosToNextAwaitedDeadline(ng.clock.getAsLong()));
    }

    @Test
    void deleteWithFiguresAtHandIsAnsweredAtOnce() {
        call("c3");
        String reply = process(datagram("d_c3", "command", "delete", "call-id", "c3", "from-tag", "a"));
        assertNotNull(reply);
        assertEquals(0, processor.awaitingReplies());
    }
}
