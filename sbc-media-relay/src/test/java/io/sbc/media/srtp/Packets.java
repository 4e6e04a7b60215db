package io.sbc.media.srtp;

/** Builds RTP/RTCP test packets with room for the SRTP trailer. */
final class Packets {
    static final int ROOM = 32;

    private Packets() {
    }

    /** RTP packet (V=2, PT 0) with a payload of {@code payloadLen} octets derived from seq. */
    static byte[] rtp(int seq, int ssrc, int payloadLen) {
        byte[] b = new byte[12 + payloadLen + ROOM];
        b[0] = (byte) 0x80;
        b[1] = 0;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        int ts = seq * 160;
        b[4] = (byte) (ts >>> 24);
        b[5] = (byte) (ts >>> 16);
        b[6] = (byte) (ts >>> 8);
        b[7] = (byte) ts;
        b[8] = (byte) (ssrc >>> 24);
        b[9] = (byte) (ssrc >>> 16);
        b[10] = (byte) (ssrc >>> 8);
        b[11] = (byte) ssrc;
        for (int i = 0; i < payloadLen; i++) {
            b[12 + i] = (byte) (seq * 7 + i);
        }
        return b;
    }

    /** RTCP receiver report (PT 201) of {@code len} octets (multiple of 4, at least 8). */
    static byte[] rtcp(int ssrc, int len) {
        byte[] b = new byte[len + ROOM];
        b[0] = (byte) 0x81;
        b[1] = (byte) 201;
        int words = len / 4 - 1;
        b[2] = (byte) (words >>> 8);
        b[3] = (byte) words;
        b[4] = (byte) (ssrc >>> 24);
        b[5] = (byte) (ssrc >>> 16);
        b[6] = (byte) (ssrc >>> 8);
        b[7] = (byte) ssrc;
        for (int i = 8; i < len; i++) {
            b[i] = (byte) (i * 13);
        }
        return b;
    }

    static byte[] key(SrtpCryptoSuite s, int seed) {
        byte[] k = new byte[s.masterKeyLength()];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }

    static byte[] salt(SrtpCryptoSuite s, int seed) {
        byte[] k = new byte[s.masterSaltLength()];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 17 + i + 100);
        }
        return k;
    }

    /** A sender/receiver pair sharing keys derived from {@code seed}. */
    static SrtpContext context(SrtpCryptoSuite s, int seed) {
        return new SrtpContext(s, key(s, seed), salt(s, seed));
    }
}
