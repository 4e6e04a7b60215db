package io.sbc.media.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SdpParserTest {
    private final SdpParser parser = new SdpParser();

    static List<String> corpus() {
        return SdpCorpus.FILES;
    }

    @Test
    void corpusHasEveryRfc4317DescriptionAndTheRfc3264Figure() {
        assertEquals(56, SdpCorpus.FILES.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parseThenRenderIsByteIdenticalForCorpusFile(String file) {
        byte[] in = SdpCorpus.read(file);
        SdpParseResult r = parser.parse(in);
        assertTrue(r.isOk(), file + ": " + r.errorReason());
        assertArrayEquals(in, r.description().toBytes());
    }

    @Test
    void parsesMediaLineFieldsConnectionAndAttributes() {
        String sdp = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 49170/2 RTP/SAVP 0 8 101\r\nc=IN IP4 192.0.2.9/127\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=rtcp:49171 IN IP4 192.0.2.10\r\na=rtcp-mux\r\na=sendonly\r\na=ptime:20\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n";
        SessionDescription d = parser.parse(sdp).description();
        MediaDescription m = d.media().get(0);
        assertEquals("audio", m.mediaType());
        assertEquals(49170, m.port());
        assertEquals(2, m.portCount());
        assertEquals("RTP/SAVP", m.proto());
        assertEquals(List.of("0", "8", "101"), m.formats());
        assertEquals("192.0.2.9", m.connection().address());
        assertEquals("/127", m.connection().suffix());
        assertEquals(49171, m.rtcpPort());
        assertEquals("192.0.2.10", m.rtcpAddress());
        assertTrue(m.hasRtcpMux());
        assertEquals("sendonly", m.direction());
        assertEquals(20, m.ptime());
        assertEquals("PCMA", m.encodingName("8"));
        assertEquals("telephone-event", m.encodingName("101"));
        CryptoAttribute c = m.cryptos().get(0);
        assertEquals(1, c.tag());
        assertEquals(CryptoSuite.AES_CM_128_HMAC_SHA1_80, c.knownSuite());
        assertEquals("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", c.inlineKeySalt());
        assertEquals("192.0.2.1", d.origin().address());
    }

    @Test
    void keepsMixedLineEndingsAndUnterminatedLastLine() {
        String sdp = "v=0\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 0\na=sendrecv";
        SdpParseResult r = parser.parse(sdp);
        assertTrue(r.isOk(), r.errorReason());
        assertEquals(sdp, r.description().render());
        assertEquals("\n", r.description().dominantEol());
    }

    @Test
    void keepsNonAsciiBytesExactly() {
        byte[] in = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=Caf\u00e9 \u263a\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(in, parser.parse(in).description().toBytes());
    }

    @Test
    void acceptsBlankTrailingLineAsSomePeersSendIt() {
        String sdp = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\r\n";
        assertEquals(sdp, parser.parse(sdp).description().render());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "o=- 1 2 IN IP4 192.0.2.1\\r\\nv=0\\r\\n|first line is not v=0",
        "v=1\\r\\no=- 1 2 IN IP4 192.0.2.1\\r\\n|first line is not v=0",
        "v=0\\r\\ns=-\\r\\n|missing o= line",
        "v=0\\r\\no=- 1 IN IP4 192.0.2.1\\r\\n|malformed o= line",
        "v=0\\r\\no=- 1 2 IN IP4 192.0.2.1\\r\\nc=IN IP4\\r\\n|malformed c= line",
        "v=0\\r\\no=- 1 2 IN IP4 192.0.2.1\\r\\nc=IN IPX 1.2.3.4\\r\\n|malformed c= line",
        "v=0\\r\\no=- 1 2 IN IP4 192.0.2.1\\r\\nc=IN IP4 192.0.2.1\\r\\nm=audio 70000 RTP/AVP 0\\r\\n|malformed port in m= line",
        "v=0\\r\\no=- 1 2 IN IP4 192.0.2.1\\r\\nc=IN IP4 192.0.2.1\\r\\nm=audio 4000 RTP/AVP\\r\\n|malformed m= line",
        "v=0\\r\\no=- 1 2 IN IP4 192.0.2.1\\r\\nm=audio 4000 RTP/AVP 0\\r\\n|Incomplete SDP specification: no c= line for media 0",
        "v=0\\r\\no=- 1 2 IN IP4 192.0.2.1\\r\\nhello\\r\\n|malformed line (expected <type>=<value>)",
        "v=0\\r\\no=- 1 2 IN IP4 192.0.2.1\\r\\ns=a\\rb\\r\\n|CR or NUL inside a line",
        "''|empty SDP",
    })
    void rejectsMalformedSdpWithReason(String sdp, String reason) {
        SdpParseResult r = parser.parse(sdp.replace("\\r", "\r").replace("\\n", "\n"));
        assertFalse(r.isOk());
        assertEquals(reason, r.errorReason());
    }

    @Test
    void acceptsDisabledMediaWithoutConnection() {
        SdpParseResult r = parser.parse("v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\nm=audio 0 RTP/AVP 0\r\n");
        assertTrue(r.isOk());
        assertTrue(r.description().media().get(0).isDisabled());
        assertNull(r.description().connection());
    }

    @Test
    void rejectsMoreMediaThanLimit() {
        SdpParser small = new SdpParser(new SdpLimits(65535, 100, 1, 10));
        String sdp = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 0\r\nm=audio 2 RTP/AVP 0\r\n";
        assertEquals("more than 1 media sections", small.parse(sdp).errorReason());
    }

    @Test
    void parsesRfc4568ExampleCryptoValues() {
        for (String line : new String(SdpCorpus.read("rfc4568-sdes-crypto-values.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("a=crypto:")) {
                continue;
            }
            String value = line.substring("a=crypto:".length(), line.indexOf('\t'));
            CryptoAttribute c = CryptoAttribute.parse(value);
            assertEquals(value, c.format());
            assertEquals(40, c.inlineKeySalt().length(), value);
        }
    }
}
