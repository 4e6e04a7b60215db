package io.sbc.signaling.message;

import static io.sbc.signaling.codec.Messages.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Parameters of a parsed message are split on first use ({@link Params#lazy}) and objects are
 * built in one pass: what callers see must equal an eager parse of the same text.
 */
class LazyParamsTest {
    private static final String REQUEST = "INVITE sip:+15551230000@198.51.100.7;user=phone;x=a%20b SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060 ; branch=z9hG4bKa ;rport, SIP/2.0/TCP [2001:db8::1];branch=z9hG4bKb;"
            + "received=192.0.2.99\r\n"
            + "Route: <sip:198.51.100.7;lr>, <sip:198.51.100.8;lr;transport=tcp>\r\n"
            + "To: \"Bob\" <sip:bob@198.51.100.7>\r\n"
            + "From: sip:alice@192.0.2.10;tag=1928\r\n"
            + "Contact: <sip:alice@192.0.2.10:5060;transport=udp>;expires=60;q=0.5\r\n"
            + "Call-ID: a84b4c76e66710\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    @Test
    void parametersSplitOnFirstUseEqualAnEagerParseOfTheSameText() {
        SipRequest m = (SipRequest) parse(REQUEST);
        List<Via> vias = m.vias();
        assertEquals(2, vias.size());
        assertEquals(Params.parse(";branch=z9hG4bKa;rport"), vias.get(0).params());
        assertEquals("z9hG4bKa", vias.get(0).branch());
        assertEquals("", vias.get(0).param("rport"));
        assertEquals("[2001:db8::1]", vias.get(1).hostRef());
        assertEquals(Params.parse(";branch=z9hG4bKb;received=192.0.2.99"), vias.get(1).params());
        assertEquals("1928", m.from().tag());
        assertEquals("sip:alice@192.0.2.10", m.from().uri().toString());
        assertEquals(Params.EMPTY, m.to().params());
        NameAddr contact = m.contacts().get(0);
        assertEquals(Params.parse(";expires=60;q=0.5"), contact.params());
        assertEquals("udp", contact.sipUri().transportParam());
        assertEquals("sip:alice@192.0.2.10:5060;transport=udp", contact.sipUri().toString());
        assertEquals(2, m.routes().size());
        assertEquals("tcp", m.routes().get(1).sipUri().transportParam());
        SipUri ruri = m.sipRequestUri();
        assertEquals("a%20b", ruri.param("x"));
        assertEquals("sip:+15551230000@198.51.100.7;user=phone;x=a%20b", ruri.toString());
        assertEquals(SipUri.parse(ruri.toString()), ruri);
        assertEquals(NameAddr.parse(contact.toString()), contact);
    }

    @Test
    void addressListsOfEveryShapeEqualTheirValuesParsedOneByOne() {
        String head = "OPTIONS sip:bob@198.51.100.7 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKs\r\n"
                + "To: <sip:bob@198.51.100.7>\r\nFrom: <sip:alice@192.0.2.10>;tag=1\r\nCall-ID: c1\r\n"
                + "CSeq: 1 OPTIONS\r\n";
        String[][] cases = {
            {"Contact: \"Smith, J\" <sip:j@192.0.2.1>;q=0.5\r\n", "\"Smith, J\" <sip:j@192.0.2.1>;q=0.5"},
            {"Contact: <sip:a@192.0.2.1>;expires=5\r\nContact: <sip:b@192.0.2.2>\r\n",
                "<sip:a@192.0.2.1>;expires=5", "<sip:b@192.0.2.2>"},
            {"Contact: <sip:a@192.0.2.1>, sip:b@192.0.2.2;q=1\r\nContact: <sip:c@192.0.2.3>\r\n",
                "<sip:a@192.0.2.1>", "sip:b@192.0.2.2;q=1", "<sip:c@192.0.2.3>"},
            {"Contact: sip:a@192.0.2.1;expires=5\r\n", "sip:a@192.0.2.1;expires=5"},
            {"Contact: *\r\n", "*"},
            {"Contact:  <sip:a@192.0.2.1>  \r\n", "<sip:a@192.0.2.1>"},
        };
        for (String[] c : cases) {
            SipMessage m = parse(head + c[0] + "Content-Type: application/sdp\r\nContent-Length: 0\r\n\r\n");
            List<NameAddr> contacts = m.contacts();
            List<NameAddr> expected = new ArrayList<>();
            for (int i = 1; i < c.length; i++) {
                expected.add(NameAddr.parse(c[i]));
            }
            assertEquals(expected, contacts, c[0]);
            assertEquals(expected.hashCode(), contacts.hashCode(), c[0]);
            assertEquals(c.length - 1, contacts.size(), c[0]);
            org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                    () -> contacts.add(NameAddr.star()), c[0]);
            assertEquals(c[1].equals("*"), contacts.get(0).isStar(), c[0]);
            assertEquals("application/sdp", m.contentType());
        }
    }

    @Test
    void contentTypeIsTheValueAsWrittenWithFoldsRemoved() {
        String head = "OPTIONS sip:bob@198.51.100.7 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKs\r\n"
                + "To: <sip:bob@198.51.100.7>\r\nFrom: <sip:alice@192.0.2.10>;tag=1\r\nCall-ID: c1\r\n"
                + "CSeq: 1 OPTIONS\r\n";
        assertEquals("text/plain", parse(head + "Content-Type: text/plain\r\n\r\n").contentType());
        assertEquals("text/plain;\r\n charset=x".replace("\r\n", ""),
                parse(head + "Content-Type: text/plain;\r\n charset=x\r\n\r\n").contentType());
        assertEquals("a/b;\r\n c=d".replace("\r\n", ""), parse(head + "Content-Type: a/b;\r\n c=d\r\n\r\n").contentType());
        assertEquals("multipart/mixed;boundary=unique-boundary-1",
                parse(head + "Content-Type: multipart/mixed;boundary=unique-boundary-1\r\n\r\n").contentType());
        assertEquals("application/sdp", parse(head + "c: application/sdp\r\n\r\n").contentType());
        // The word-compare fast path for the exact spelling, and its near misses on the general path.
        assertSame(parse(head + "Content-Type: application/sdp\r\n\r\n").contentType(),
                parse(head + "Content-Type:application/sdp \r\n\r\n").contentType());
        assertEquals("Application/SDP", parse(head + "Content-Type: Application/SDP\r\n\r\n").contentType());
        assertEquals("application/sdpx", parse(head + "Content-Type: application/sdpx\r\n\r\n").contentType());
        assertEquals("application/sd", parse(head + "Content-Type: application/sd\r\n\r\n").contentType());
        assertEquals("application/sdp", parse(head + "Content-Type: application/\r\n sdp\r\n\r\n").contentType()
                .replace(" ", ""));
    }

    @Test
    void topViaOfAnAnswerableRequestKeepsItsBranchWhenLaterParametersAreMalformed() {
        byte[] in = ("OPTIONS sip:bob@198.51.100.7 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKkeep;=bad\r\n"
                + "To: <sip:bob@198.51.100.7>\r\nFrom: <sip:alice@192.0.2.10>;tag=1\r\n"
                + "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ParseResult r = new SipParser().parse(in);
        SipRequest answerable = r.ok() ? null : r.error().answerable();
        assertNotNull(answerable, "malformed Via parameters leave the request answerable");
        assertEquals("z9hG4bKkeep", answerable.topVia().branch());
    }

    @Test
    void threadsSplittingTheSameParametersAtOnceSeeEqualValues() throws Exception {
        for (int round = 0; round < 200; round++) {
            Via via = parse(REQUEST).topVia();
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    seen.add(via.branch() + via.params());
                });
                th.start();
                started.add(th);
            }
            start.countDown();
            for (Thread th : started) {
                th.join();
            }
            assertEquals(List.of("z9hG4bKa;branch=z9hG4bKa;rport", "z9hG4bKa;branch=z9hG4bKa;rport",
                    "z9hG4bKa;branch=z9hG4bKa;rport", "z9hG4bKa;branch=z9hG4bKa;rport"), seen);
        }
    }
}
