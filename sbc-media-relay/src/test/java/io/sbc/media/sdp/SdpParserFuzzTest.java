package io.sbc.media.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

class SdpParserFuzzTest {
    private static final SdpParser PARSER = new SdpParser();

    /** Arbitrary bytes give an SDP or a reason; an SDP renders back to the same bytes and rewrites idempotently. */
    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesParseOrFailWithReason(byte[] input) {
        SdpParseResult r = PARSER.parse(input);
        if (!r.isOk()) {
            assertNotNull(r.errorReason());
            return;
        }
        assertArrayEquals(input, r.description().toBytes());
        List<MediaRewrite> media = new ArrayList<>();
        for (MediaDescription m : r.description().media()) {
            media.add(MediaRewrite.builder().address("IP4", "203.0.113.5").port(40000).rtcpPort(40001).removeIce(true).build());
        }
        RewritePlan plan = new RewritePlan("IP4", "203.0.113.5", "IP4", "203.0.113.5", true, true, media);
        String once = SdpRewriter.rewrite(r.description(), plan);
        SdpParseResult again = PARSER.parse(once);
        if (again.isOk()) {
            assertEquals(once, SdpRewriter.rewrite(again.description(), plan));
        }
    }
}
