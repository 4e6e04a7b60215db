package io.sbc.media.sdp;

import java.util.List;
import java.util.random.RandomGenerator;

/** Seeded generator of valid SDP (random line endings, media, attributes, ICE, crypto, hold) for property tests. */
public final class SdpGenerator {
    private SdpGenerator() {
    }

    public static String ip(RandomGenerator r) {
        int net = r.nextInt(3);
        return (net == 0 ? "192.0.2." : net == 1 ? "198.51.100." : "10.20.") + (net == 2 ? r.nextInt(256) + "." : "")
                + (1 + r.nextInt(254));
    }

    /** A valid SDP with random line endings, media, attributes, ICE, crypto and hold. */
    public static String generate(RandomGenerator r) {
        String eol = r.nextInt(5) == 0 ? "\n" : "\r\n";
        StringBuilder sb = new StringBuilder();
        String sessAddr = r.nextInt(6) == 0 ? "0.0.0.0" : ip(r);
        sb.append("v=0").append(eol);
        sb.append("o=").append(r.nextBoolean() ? "-" : "user" + r.nextInt(99)).append(' ').append(r.nextLong(1L << 40))
                .append(' ').append(r.nextInt(1000)).append(" IN IP4 ").append(ip(r)).append(eol);
        sb.append("s=").append(r.nextBoolean() ? "-" : "session").append(eol);
        boolean sessionC = r.nextBoolean();
        if (sessionC) {
            sb.append("c=IN IP4 ").append(sessAddr).append(eol);
        }
        sb.append("t=0 0").append(eol);
        if (r.nextInt(4) == 0) {
            sb.append("a=ice-lite").append(eol);
        }
        if (r.nextInt(4) == 0) {
            sb.append("a=group:BUNDLE 0").append(eol);
        }
        int media = 1 + r.nextInt(3);
        for (int i = 0; i < media; i++) {
            boolean disabled = r.nextInt(6) == 0;
            String type = i == 0 ? "audio" : r.nextBoolean() ? "video" : "audio";
            String proto = List.of("RTP/AVP", "RTP/AVPF", "RTP/SAVP", "RTP/SAVPF").get(r.nextInt(4));
            int port = disabled ? 0 : 1024 + 2 * r.nextInt(30000);
            sb.append("m=").append(type).append(' ').append(port).append(' ').append(proto);
            List<String> fmts = type.equals("audio") ? List.of("0", "8", "9", "18", "101", "111") : List.of("31", "34", "96", "97");
            int n = 1 + r.nextInt(fmts.size());
            for (int k = 0; k < n; k++) {
                sb.append(' ').append(fmts.get(k));
            }
            sb.append(eol);
            if (!sessionC || r.nextInt(3) == 0) {
                sb.append("c=IN IP4 ").append(r.nextInt(8) == 0 ? "0.0.0.0" : ip(r)).append(eol);
            }
            for (int k = 0; k < n; k++) {
                String f = fmts.get(k);
                if (f.equals("101")) {
                    sb.append("a=rtpmap:101 telephone-event/8000").append(eol).append("a=fmtp:101 0-16").append(eol);
                } else if (f.equals("111")) {
                    sb.append("a=rtpmap:111 opus/48000/2").append(eol);
                } else if (f.equals("96") || f.equals("97")) {
                    sb.append("a=rtpmap:").append(f).append(" H264/90000").append(eol)
                            .append("a=rtcp-fb:").append(f).append(" nack").append(eol);
                }
            }
            if (r.nextBoolean()) {
                sb.append("a=rtcp:").append(port + 1);
                if (r.nextBoolean()) {
                    sb.append(" IN IP4 ").append(ip(r));
                }
                sb.append(eol);
            }
            if (r.nextInt(3) == 0) {
                sb.append("a=rtcp-mux").append(eol);
            }
            if (proto.contains("SAVP") && r.nextBoolean()) {
                sb.append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32").append(eol);
                sb.append("a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2").append(eol);
            }
            if (r.nextInt(3) == 0) {
                String c = ip(r);
                sb.append("a=ice-ufrag:F7gI").append(eol).append("a=ice-pwd:x9cml/YzichV2+XlhiMu8g").append(eol);
                sb.append("a=candidate:1 1 UDP 2130706431 ").append(c).append(' ').append(port).append(" typ host").append(eol);
                sb.append("a=candidate:2 1 UDP 1694498815 ").append(ip(r)).append(' ').append(port)
                        .append(" typ srflx raddr ").append(c).append(" rport ").append(port).append(eol);
            }
            if (r.nextBoolean()) {
                sb.append("a=").append(MediaDescription.DIRECTIONS.get(r.nextInt(4))).append(eol);
            }
            if (r.nextBoolean()) {
                sb.append("a=ptime:20").append(eol);
            }
        }
        String s = sb.toString();
        if (r.nextInt(8) == 0) {
            s = s.substring(0, s.length() - eol.length());
        }
        return s;
    }

}
