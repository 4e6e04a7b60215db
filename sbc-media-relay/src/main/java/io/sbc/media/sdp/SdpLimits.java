package io.sbc.media.sdp;

/**
 * Bounds applied to untrusted SDP.
 *
 * @param maxBytes          largest SDP body, default 65535 (a UDP ng datagram cannot carry more)
 * @param maxLines          most lines, default 2048
 * @param maxMedia          most m= sections, default 32
 * @param maxFormatsPerMedia most payload formats on one m= line, default 128 (there are 128 RTP payload types)
 */
public record SdpLimits(int maxBytes, int maxLines, int maxMedia, int maxFormatsPerMedia) {
    public static final SdpLimits DEFAULT = new SdpLimits(65535, 2048, 32, 128);
}
