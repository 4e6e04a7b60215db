package io.sbc.media.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeInteger;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.bencode.BencodeString;
import io.sbc.media.bencode.BencodeValue;
import io.sbc.media.daemon.RelayOptions;
import io.sbc.media.daemon.StandaloneRelay;
import io.sbc.media.relay.EndpointLearning;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with real peers (issue #4): SIPp UAC (PBX, 127.0.0.10) → Kamailio with its rtpengine module
 * (127.0.0.20) → SIPp UAS (carrier, 127.0.0.30, {@code -rtp_echo}), Kamailio's module driving the
 * relay under test over ng. The same test runs against this project's relay ({@link StandaloneRelay},
 * in process) and against Debian's rtpengine (userspace, {@code --table=-1}), proving the semantics
 * Kamailio relies on match: both SIPp sides see only the relay's address and ports in the SDP, the
 * call completes (SIPp exit 0), the relay's own {@code query} counts RTP from both sides, and the
 * {@code delete} Kamailio sends on the BYE removes the call ({@code list} is empty).
 *
 * <p>Ports are off the usual 5060/2223 so this test does not collide with other suites on the same
 * loopback addresses. Every child is stopped by its PID; every wait is bounded.
 */
class KamailioRelayIT {
    private static final String PBX = "127.0.0.10";
    private static final String RELAY = "127.0.0.20";
    private static final String CARRIER = "127.0.0.30";
    private static final int SIP_PORT = 5460;
    private static final int UAC_PORT = 5461;
    private static final int UAS_PORT = 5462;
    private static final int UAC_MEDIA = 26000;
    private static final int UAS_MEDIA = 27000;

    private record Peer(String name, int ngPort, int portLow, int portHigh) {
    }

    private static Peer peer(String name) {
        return name.equals("rtpengine") ? new Peer(name, 2324, 35500, 35999) : new Peer(name, 2323, 35000, 35499);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sbc-relay", "rtpengine"})
    @Timeout(180)
    void sippCallThroughKamailioIsAnchoredByTheRelayWithRtpBothWays(String relayName, @TempDir Path dir)
            throws Exception {
        for (String tool : List.of("/usr/sbin/kamailio", "/usr/bin/sipp")) {
            assertTrue(Files.isExecutable(Path.of(tool)), tool + " missing: run ops/test (installs Debian's packages)");
        }
        Peer p = peer(relayName);
        InetSocketAddress ng = new InetSocketAddress(RELAY, p.ngPort());
        Files.write(dir.resolve("tone.ulaw"), tone());
        List<AutoCloseable> started = new ArrayList<>();
        try {
            started.add(0, startRelay(p, dir));
            try (NgProbe probe = new NgProbe(ng)) {
                waitFor(() -> isPong(probe), Duration.ofSeconds(30), "relay answers ng ping on " + ng, started);

                ChildProcess kamailio = ChildProcess.start("kamailio", dir, List.of("/usr/sbin/kamailio", "-DD", "-E",
                        "-f", render(dir, p).toString(), "-P", dir.resolve("kamailio.pid").toString(),
                        "-Y", dir.toString(), "-w", dir.toString()));
                started.add(0, kamailio);
                waitFor(() -> sipAnswers(), Duration.ofSeconds(30), "Kamailio answers on " + RELAY + ":" + SIP_PORT,
                        started);

                ChildProcess uas = ChildProcess.start("uas", dir, List.of("/usr/bin/sipp", "-sf",
                        scenario(dir, "uas-echo.xml").toString(), "-i", CARRIER, "-p", Integer.toString(UAS_PORT),
                        "-mi", CARRIER, "-mp", Integer.toString(UAS_MEDIA), "-rtp_echo", "-m", "1",
                        "-timeout", "60s", "-timeout_error", "-trace_msg", "-message_file",
                        dir.resolve("uas-messages.log").toString(), "-trace_err", "-nostdin"));
                started.add(0, uas);
                ChildProcess uac = ChildProcess.start("uac", dir, List.of("/usr/bin/sipp", RELAY + ":" + SIP_PORT,
                        "-sf", scenario(dir, "uac-rtp.xml").toString(), "-s", "15551230000", "-i", PBX,
                        "-p", Integer.toString(UAC_PORT), "-mi", PBX, "-mp", Integer.toString(UAC_MEDIA),
                        "-m", "1", "-d", "3500", "-timeout", "60s", "-timeout_error", "-trace_msg",
                        "-message_file", dir.resolve("uac-messages.log").toString(), "-trace_err", "-nostdin"));
                started.add(0, uac);

                // The call is deleted on BYE: sample the relay's own view while media flows.
                BencodeDictionary lastQuery = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (uac.alive() && System.nanoTime() < deadline) {
                    BencodeDictionary q = queryOnlyCall(probe);
                    if (q != null) {
                        lastQuery = q;
                    }
                    Thread.sleep(250);
                }
                int uacExit = uac.await(30);
                int uasExit = uas.await(30);
                String evidence = "\n" + uac.output() + "\n" + uas.output() + "\n" + kamailio.output();
                assertEquals(0, uacExit, "SIPp UAC exit" + evidence);
                assertEquals(0, uasExit, "SIPp UAS exit" + evidence);

                String offerSeenByCarrier = sdpOf(received(dir.resolve("uas-messages.log"), "INVITE "));
                String answerSeenByPbx = sdpOf(received(dir.resolve("uac-messages.log"), "SIP/2.0 200 OK"));
                assertRelayOnly(offerSeenByCarrier, PBX, p);
                assertRelayOnly(answerSeenByPbx, CARRIER, p);

                assertNotNull(lastQuery, "the relay's query showed the call while it was up" + evidence);
                long[] perSide = rtpPacketsPerTag(lastQuery);
                assertEquals(2, perSide.length, "two sides in the relay's call: " + lastQuery);
                assertTrue(perSide[0] >= 20 && perSide[1] >= 20,
                        "RTP relayed both ways (>= 20 packets from each side): " + perSide[0] + ", " + perSide[1]
                                + "\n" + lastQuery);
                // Kamailio's rtpengine_delete on the BYE (from-tag + to-tag) removed the call.
                waitFor(() -> listSize(probe) == 0, Duration.ofSeconds(10), "the BYE's delete removed the call",
                        started);
            }
        } finally {
            for (AutoCloseable c : started) {
                c.close();
            }
        }
    }

    /** 2.5 s of a 400 Hz-ish G.711 u-law pattern (content does not matter to a relay). */
    private static byte[] tone() {
        byte[] b = new byte[20_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (0x80 | (i % 20 < 10 ? 0x10 : 0x50));
        }
        return b;
    }

    private static AutoCloseable startRelay(Peer p, Path dir) throws IOException {
        if (p.name().equals("rtpengine")) {
            assertTrue(Files.isExecutable(Path.of("/usr/bin/rtpengine")),
                    "/usr/bin/rtpengine missing: run ops/test (installs rtpengine-daemon)");
            // Userspace only (--table=-1), no config file, no Redis, no daemonizing.
            return ChildProcess.start("rtpengine", dir, List.of("/usr/bin/rtpengine", "--config-file=none",
                    "--foreground", "--log-stderr", "--log-level=5", "--table=-1", "--interface=" + RELAY,
                    "--listen-ng=" + RELAY + ":" + p.ngPort(), "--port-min=" + p.portLow(),
                    "--port-max=" + p.portHigh(), "--pidfile=" + dir.resolve("rtpengine.pid"), "--num-threads=2",
                    "--delete-delay=0", "--timeout=60"));
        }
        return StandaloneRelay.start(new RelayOptions(RELAY, p.ngPort(), Map.of(RELAY, RELAY), p.portLow(),
                p.portHigh(), 1, "backoff", Duration.ofSeconds(60), EndpointLearning.DELAYED));
    }

    private static Path render(Path dir, Peer p) throws IOException {
        String cfg = resource("kamailio-rtpengine.cfg.in")
                .replace("@@SIP_IP@@", RELAY).replace("@@SIP_PORT@@", Integer.toString(SIP_PORT))
                .replace("@@NG_IP@@", RELAY).replace("@@NG_PORT@@", Integer.toString(p.ngPort()))
                .replace("@@PBX_IP@@", PBX).replace("@@CARRIER_IP@@", CARRIER)
                .replace("@@CARRIER_PORT@@", Integer.toString(UAS_PORT));
        Path out = dir.resolve("kamailio.cfg");
        Files.writeString(out, cfg);
        return out;
    }

    private static Path scenario(Path dir, String name) throws IOException {
        Path out = dir.resolve(name);
        Files.writeString(out, resource(name).replace("@@RELAY_IP_RE@@", RELAY.replace(".", "\\.")));
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KamailioRelayIT.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, Duration limit, String what, List<AutoCloseable> started)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            for (AutoCloseable c : started) {
                if (c instanceof ChildProcess cp && !cp.alive()) {
                    throw new AssertionError(what + ": " + cp.output());
                }
            }
            Thread.sleep(200);
        }
        StringBuilder out = new StringBuilder();
        for (AutoCloseable c : started) {
            if (c instanceof ChildProcess cp) {
                out.append('\n').append(cp.output());
            }
        }
        throw new AssertionError("timed out waiting: " + what + out);
    }

    private static boolean isPong(NgProbe probe) throws IOException {
        BencodeDictionary r = probe.call(BencodeDictionary.builder().put("command", "ping").build());
        return r != null && "pong".equals(str(r, "result"));
    }

    /** Any SIP response to an OPTIONS from 127.0.0.1 (Kamailio answers 403: not the PBX). */
    private static boolean sipAnswers() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(500);
            int port = s.getLocalPort();
            String msg = "OPTIONS sip:" + RELAY + ":" + SIP_PORT + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-probe" + System.nanoTime() + "\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:" + RELAY + ">\r\n"
                    + "Call-ID: probe-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] d = msg.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(d, d.length, new InetSocketAddress(RELAY, SIP_PORT)));
            byte[] buf = new byte[4096];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            s.receive(in);
            return new String(buf, 0, in.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 ");
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static int listSize(NgProbe probe) throws IOException {
        BencodeDictionary list = probe.call(BencodeDictionary.builder().put("command", "list").build());
        return list != null && list.get("calls") instanceof BencodeList calls ? calls.items().size() : -1;
    }

    /** query of the one call the relay has (list → query), or null. */
    private static BencodeDictionary queryOnlyCall(NgProbe probe) throws IOException {
        BencodeDictionary list = probe.call(BencodeDictionary.builder().put("command", "list").build());
        if (list == null || !(list.get("calls") instanceof BencodeList calls) || calls.items().size() != 1) {
            return null;
        }
        String callId = ((BencodeString) calls.items().get(0)).asUtf8();
        BencodeDictionary q = probe.call(BencodeDictionary.builder().put("command", "query").put("call-id", callId)
                .build());
        return q != null && "ok".equals(str(q, "result")) ? q : null;
    }

    /** RTP packets per tag: the RTP streams' {@code stats.packets} summed over each tag's medias. */
    private static long[] rtpPacketsPerTag(BencodeDictionary query) {
        BencodeDictionary tags = (BencodeDictionary) query.get("tags");
        List<Long> out = new ArrayList<>();
        for (BencodeValue t : tags.entries().values()) {
            long sum = 0;
            for (BencodeValue m : ((BencodeList) ((BencodeDictionary) t).get("medias")).items()) {
                for (BencodeValue s : ((BencodeList) ((BencodeDictionary) m).get("streams")).items()) {
                    BencodeDictionary stream = (BencodeDictionary) s;
                    if (!(stream.get("flags") instanceof BencodeList flags) || flags.items().stream()
                            .noneMatch(f -> f instanceof BencodeString fs && fs.asUtf8().equals("RTP"))) {
                        continue;
                    }
                    if (stream.get("stats") instanceof BencodeDictionary stats
                            && stats.get("packets") instanceof BencodeInteger n) {
                        sum += n.value();
                    }
                }
            }
            out.add(sum);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static String str(BencodeDictionary d, String k) {
        return d.get(k) instanceof BencodeString s ? s.asUtf8() : null;
    }

    /** The first message SIPp logged as received that starts with {@code startLine}. */
    private static String received(Path log, String startLine) throws IOException {
        String all = Files.readString(log);
        for (String block : all.split("-{20,}")) {
            int i = block.indexOf("message received");
            if (i < 0) {
                continue;
            }
            String msg = block.substring(block.indexOf('\n', i) + 1).stripLeading();
            if (msg.startsWith(startLine)) {
                return msg;
            }
        }
        throw new AssertionError("no received message starting with '" + startLine + "' in " + log + ":\n" + all);
    }

    private static String sdpOf(String message) {
        int body = message.indexOf("\r\n\r\n");
        int bodyLf = message.indexOf("\n\n");
        int start = body >= 0 ? body + 4 : bodyLf + 2;
        assertTrue(start > 1, "message has a body:\n" + message);
        return message.substring(start);
    }

    /** The SDP names the relay (c= and m= port in its range) and nothing of {@code otherSide}. */
    private static void assertRelayOnly(String sdp, String otherSide, Peer p) {
        Matcher c = Pattern.compile("(?m)^c=IN IP4 (\\S+)").matcher(sdp);
        assertTrue(c.find(), "c= line in\n" + sdp);
        assertEquals(RELAY, c.group(1), "connection address is the relay's\n" + sdp);
        Matcher m = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(sdp);
        assertTrue(m.find(), "m=audio in\n" + sdp);
        int port = Integer.parseInt(m.group(1));
        assertTrue(port >= p.portLow() && port <= p.portHigh(), "media port " + port + " in the relay's range\n" + sdp);
        assertFalse(sdp.contains(otherSide), "nothing of the other side (" + otherSide + ") leaks\n" + sdp);
    }
}
