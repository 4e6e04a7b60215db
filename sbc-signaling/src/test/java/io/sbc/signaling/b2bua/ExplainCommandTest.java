package io.sbc.signaling.b2bua;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {

    private static String run(Path dir, String message, String... extra) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, OutboundRequestsTest.POLICY);
        Path msg = dir.resolve("invite.sip");
        Files.writeString(msg, message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExplainCommand.run(new String[] {"--policy", policy.toString(), "--from", "pbx", "--source", "10.1.1.5",
                msg.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheTraceThenTheOutgoingMessageAsTheB2buaBuildsIt(@TempDir Path dir) throws Exception {
        String out = run(dir, OutboundRequestsTest.PBX_INVITE);
        assertTrue(out.contains("MATCH"), out);
        assertTrue(out.contains("header-rule pai"), out);
        int outgoing = out.indexOf("outgoing to carrier-a sip:198.51.100.30:5070");
        assertTrue(outgoing > 0, out);
        String wire = out.substring(outgoing);
        assertTrue(wire.contains("INVITE sip:+49301234567@198.51.100.30:5070 SIP/2.0"), wire);
        assertTrue(wire.contains("P-Asserted-Identity: <sip:+15551230000@carrier.example>"), wire);
        assertTrue(wire.contains("Via: SIP/2.0/UDP 203.0.113.21:5060;branch=z9hG4bK"), wire);
        for (String leak : new String[] {"10.1.1.5", "pbx.internal", "pbxtag", "PBX-Brand", "X-Internal"}) {
            assertFalse(wire.contains(leak), leak + " in the outgoing message:\n" + wire);
        }
        assertTrue(wire.contains("the relay's SDP with media-address 203.0.113.21"), "anchored media note missing");
    }

    @Test
    void rejectsAnUnparsableMessageWithExitOne(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, OutboundRequestsTest.POLICY);
        Path msg = dir.resolve("bad.sip");
        Files.writeString(msg, "not sip at all\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExplainCommand.run(new String[] {"--policy", policy.toString(), "--from", "pbx", "--source", "10.1.1.5",
                msg.toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(1, code);
        assertTrue(err.toString().contains("not a parsable SIP request"), err.toString());
    }
}
