package io.sbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Arbitrary datagrams and key-params: results are codes, never exceptions (regression mode in CI). */
class SrtpUnprotectFuzzTest {
    private static final SrtpCryptoSuite[] SUITES = SrtpCryptoSuite.values();

    @FuzzTest(maxDuration = "20s")
    void arbitraryPacketsNeverThrow(FuzzedDataProvider data) {
        SrtpCryptoSuite suite = SUITES[data.consumeInt(0, SUITES.length - 1)];
        SrtpContext ctx = Packets.context(suite, 1);
        int room = data.consumeInt(0, 40);
        byte[] packet = data.consumeRemainingAsBytes();
        byte[] buf = new byte[packet.length + room];
        System.arraycopy(packet, 0, buf, 0, packet.length);
        assertTrue(ctx.unprotectRtp(buf.clone(), 0, packet.length) < 0);
        assertTrue(ctx.unprotectRtcp(buf.clone(), 0, packet.length) < 0);
        int p = ctx.protectRtp(buf.clone(), 0, packet.length);
        assertTrue(p < 0 || p == packet.length + suite.srtpOverhead());
        int q = ctx.protectRtcp(buf.clone(), 0, packet.length);
        assertTrue(q < 0 || q == packet.length + suite.srtcpOverhead());
    }

    @FuzzTest(maxDuration = "10s")
    void arbitraryKeyParamsNeverThrow(FuzzedDataProvider data) {
        SrtpCryptoSuite suite = SUITES[data.consumeInt(0, SUITES.length - 1)];
        SdesKeyParams.Parsed p = SdesKeyParams.parse(suite, data.consumeRemainingAsString());
        assertTrue(p.ok() != (p.error() != null));
        if (p.ok()) {
            assertTrue(SdesKeyParams.parse(suite, p.value().format()).ok());
        }
    }
}
