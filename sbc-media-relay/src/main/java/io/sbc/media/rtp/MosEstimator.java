package io.sbc.media.rtp;

/**
 * A MOS (listening-conversational quality, 1.0–4.5) estimate from loss, jitter and delay through a
 * simplified E-model (ITU-T G.107): {@code R = 93.2 - Id - Ie,eff}, then the G.107 Annex B mapping
 * from R to MOS.
 *
 * <ul>
 *   <li>Delay impairment Id (G.107 simplified, as in Cole &amp; Rosenbluth 2001):
 *       {@code 0.024 d + 0.11 (d - 177.3) H(d - 177.3)} with one-way delay d in ms taken as half the
 *       round trip plus a jitter buffer of twice the jitter plus 10 ms of packetisation.</li>
 *   <li>Equipment impairment Ie,eff (G.107 §3.5): {@code Ie + (95 - Ie) Ppl / (Ppl + Bpl)} with
 *       G.711 values Ie = 0 and Bpl = 25.1 (G.113 Appendix I, with packet loss concealment).</li>
 * </ul>
 *
 * <p>Stateless and allocation-free.
 */
public final class MosEstimator {

    private static final double IE_G711 = 0;
    private static final double BPL_G711_PLC = 25.1;

    private MosEstimator() {
    }

    /**
     * @param lossPercent packet loss 0–100
     * @param jitterMs interarrival jitter in milliseconds
     * @param rttMs round-trip time in milliseconds (0 if unknown)
     * @return MOS in [1.0, 4.5]
     */
    public static double mos(double lossPercent, double jitterMs, double rttMs) {
        double ppl = clamp(lossPercent, 0, 100);
        double d = Math.max(0, rttMs) / 2 + 2 * Math.max(0, jitterMs) + 10;
        double id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
        double ieEff = IE_G711 + (95 - IE_G711) * ppl / (ppl + BPL_G711_PLC);
        return rToMos(93.2 - id - ieEff);
    }

    /** G.107 Annex B: R factor to MOS. */
    public static double rToMos(double r) {
        if (r <= 0) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
