package io.sbc.media.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.sdp.MediaDescription;
import io.sbc.media.sdp.SdpGenerator;
import io.sbc.media.sdp.SdpParser;
import io.sbc.media.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The topology-hiding invariant end to end: an ng offer with {@code replace: [origin, session-connection]}
 * and {@code ICE: remove} returns an SDP that contains none of the sender's addresses, for every
 * RFC 4317 offer and for seeded generated SDPs.
 */
class NgTopologyHidingPropertyTest {
    static Stream<String> corpusOffers() {
        return Stream.of("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "3.1", "3.2", "4.1", "4.2", "4.3",
                "5.1", "5.2", "5.3").map(s -> s + "-offer.sdp");
    }

    static LongStream seeds() {
        return LongStream.range(1, 151).map(i -> 0xAB5L * i);
    }

    private static String read(String name) throws IOException {
        try (InputStream in = SdpParser.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static Set<String> addresses(SessionDescription d) {
        Set<String> out = new LinkedHashSet<>();
        out.add(d.origin().address());
        if (d.connection() != null && !d.connection().isZeroAddress()) {
            out.add(d.connection().address());
        }
        for (MediaDescription m : d.media()) {
            if (m.connection() != null && !m.connection().isZeroAddress()) {
                out.add(m.connection().address());
            }
            if (m.rtcpAddress() != null) {
                out.add(m.rtcpAddress());
            }
            for (String c : m.attributeValues("candidate")) {
                String[] f = c.split(" ");
                out.add(f[4]);
                for (int i = 5; i + 1 < f.length; i++) {
                    if (f[i].equals("raddr")) {
                        out.add(f[i + 1]);
                    }
                }
            }
        }
        return out;
    }

    private static void check(String label, String sdp) {
        NgHarness ng = new NgHarness(30000, 39999);
        BencodeDictionary r = ng.send("command", "offer", "call-id", label, "from-tag", "a", "sdp", sdp,
                "direction", List.of("pbx", "carrier"), "replace", List.of("origin", "session-connection"),
                "ICE", "remove", "transport-protocol", label.hashCode() % 2 == 0 ? "RTP/SAVP" : "RTP/AVP");
        assertEquals("ok", NgHarness.str(r, "result"), label + ": " + r);
        String out = NgHarness.str(r, "sdp");
        for (String addr : addresses(new SdpParser().parse(sdp).description())) {
            assertFalse(out.contains(addr), label + ": sender address " + addr + " leaked:\n" + out);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusOffers")
    void rfc4317OfferLeaksNoSenderAddress(String file) throws IOException {
        check(file, read(file));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedOfferLeaksNoSenderAddress(long seed) {
        check("seed-" + seed, SdpGenerator.generate(RandomGeneratorFactory.of("L64X128MixRandom").create(seed)));
    }
}
