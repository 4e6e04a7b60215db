package io.sbc.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over the RFC corpus and over seeded generated SDP: parse→render identity, rewrite
 * idempotence, and the topology-hiding invariant (no original address anywhere in the output).
 */
class SdpRewritePropertyTest {
    private static final String RELAY = "203.0.113.77";
    private final SdpParser parser = new SdpParser();

    static List<String> corpus() {
        return SdpCorpus.FILES;
    }

    static LongStream seeds() {
        return LongStream.range(1, 301).map(i -> 0xC0FFEEL * i);
    }

    /** A plan like an offer with replace origin + session-connection, ICE remove, SRTP toward the far side. */
    static RewritePlan hidingPlan(SessionDescription d, RandomGenerator r) {
        List<MediaRewrite> media = new ArrayList<>();
        for (MediaDescription m : d.media()) {
            int port = m.isDisabled() ? 0 : 30000 + 2 * m.index();
            MediaRewrite.Builder b = MediaRewrite.builder().address("IP4", RELAY).port(port).removeIce(true).removeDtls(true);
            if (!m.isDisabled()) {
                b.rtcpPort(port + 1);
                if (r.nextBoolean()) {
                    b.proto("RTP/SAVP").crypto(List.of(
                            new CryptoAttribute(1, "AES_CM_128_HMAC_SHA1_80", "inline:" + "A".repeat(40), null)));
                }
                if (r.nextInt(4) == 0) {
                    b.direction("sendonly");
                }
                if (r.nextInt(4) == 0) {
                    b.rtcpMux(r.nextBoolean());
                }
                if (r.nextInt(4) == 0) {
                    b.codecs(new CodecFilter(List.of("PCMU"), List.of("H261"), List.of()));
                }
            }
            media.add(b.build());
        }
        return new RewritePlan("IP4", RELAY, "IP4", RELAY, true, true, media);
    }

    /** Every address the sender revealed: o=, c=, a=rtcp and candidate addresses. */
    static Set<String> revealedAddresses(SessionDescription d) {
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
                if (f.length > 4) {
                    out.add(f[4]);
                }
            }
        }
        out.remove(RELAY);
        return out;
    }

    private void checkProperties(String label, String text, RandomGenerator r) {
        SdpParseResult p = parser.parse(text);
        assertTrue(p.isOk(), label + ": " + p.errorReason() + " line " + p.errorLine() + "\n" + text);
        assertEquals(text, p.description().render(), label);
        RewritePlan plan = hidingPlan(p.description(), r);
        String once = SdpRewriter.rewrite(p.description(), plan);
        SdpParseResult reparsed = parser.parse(once);
        assertTrue(reparsed.isOk(), label + ": rewritten SDP does not parse: " + reparsed.errorReason() + "\n" + once);
        assertEquals(once, SdpRewriter.rewrite(reparsed.description(), plan), label + ": rewrite not idempotent");
        for (String addr : revealedAddresses(p.description())) {
            assertFalse(once.contains(addr), label + ": original address " + addr + " leaked:\n" + once);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusRewriteIsIdempotentAndHidesEveryOriginalAddress(String file) {
        String text = new String(SdpCorpus.read(file), StandardCharsets.ISO_8859_1);
        checkProperties(file, text, RandomGeneratorFactory.of("L64X128MixRandom").create(file.hashCode()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedSdpRoundTripsRewritesIdempotentlyAndHidesAddresses(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        checkProperties("seed " + seed, generate(r), r);
    }

    static String generate(RandomGenerator r) {
        return SdpGenerator.generate(r);
    }
}
