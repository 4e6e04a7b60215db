package io.sbc.media.sdp;

/** RFC 3551 §6 Table 4/5: encoding names of the static RTP payload types. */
final class StaticPayloadTypes {
    private static final String[] NAMES = new String[35];

    static {
        NAMES[0] = "PCMU";
        NAMES[3] = "GSM";
        NAMES[4] = "G723";
        NAMES[5] = "DVI4";
        NAMES[6] = "DVI4";
        NAMES[7] = "LPC";
        NAMES[8] = "PCMA";
        NAMES[9] = "G722";
        NAMES[10] = "L16";
        NAMES[11] = "L16";
        NAMES[12] = "QCELP";
        NAMES[13] = "CN";
        NAMES[14] = "MPA";
        NAMES[15] = "G728";
        NAMES[16] = "DVI4";
        NAMES[17] = "DVI4";
        NAMES[18] = "G729";
        NAMES[25] = "CelB";
        NAMES[26] = "JPEG";
        NAMES[28] = "nv";
        NAMES[31] = "H261";
        NAMES[32] = "MPV";
        NAMES[33] = "MP2T";
        NAMES[34] = "H263";
    }

    private StaticPayloadTypes() {
    }

    static String name(String format) {
        if (format.isEmpty() || format.length() > 2) {
            return null;
        }
        int pt = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            pt = pt * 10 + (c - '0');
        }
        return pt < NAMES.length ? NAMES[pt] : null;
    }
}
