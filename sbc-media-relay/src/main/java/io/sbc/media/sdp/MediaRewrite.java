package io.sbc.media.sdp;

import java.util.List;

/**
 * What to change in one media section. Every field has a "keep" value (null, or {@link #KEEP}) so a
 * plan changes only what a decision asked for.
 *
 * @param addrType   IP4/IP6 of {@code address}
 * @param address    new connection address for the media-level c= (a 0.0.0.0/:: hold address is kept, RFC 3264 §8.4)
 * @param port       new m= port, or {@link #KEEP}
 * @param proto      new transport protocol (RTP/AVP, RTP/SAVPF, ...), or null
 * @param rtcpPort   RFC 3605 a=rtcp port to write (rewrites or adds the line), {@link #KEEP} or {@link #OMIT}
 * @param rtcpMux    RFC 5761: TRUE ensures a=rtcp-mux, FALSE removes it, null keeps
 * @param removeIce  drop every ICE attribute (a=candidate, a=ice-*, ...)
 * @param ice        ICE attributes to write after removal, or null
 * @param codecs     formats to strip/mask, or null
 * @param crypto     a=crypto lines replacing all existing ones (empty list removes them), or null to keep
 * @param removeDtls drop a=fingerprint/a=setup/a=tls-id (the relay does not terminate DTLS-SRTP)
 * @param direction  sendrecv/sendonly/recvonly/inactive to set, or null to keep
 */
public record MediaRewrite(String addrType, String address, int port, String proto, int rtcpPort, Boolean rtcpMux,
                           boolean removeIce, IceCandidates ice, CodecFilter codecs, List<CryptoAttribute> crypto,
                           boolean removeDtls, String direction) {
    public static final int KEEP = -1;
    public static final int OMIT = -2;

    /** Leaves the section exactly as it is. */
    public static final MediaRewrite UNCHANGED =
            new MediaRewrite(null, null, KEEP, null, KEEP, null, false, null, null, null, false, null);

    public MediaRewrite {
        crypto = crypto == null ? null : List.copyOf(crypto);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder starting from "keep everything". */
    public static final class Builder {
        private String addrType;
        private String address;
        private int port = KEEP;
        private String proto;
        private int rtcpPort = KEEP;
        private Boolean rtcpMux;
        private boolean removeIce;
        private IceCandidates ice;
        private CodecFilter codecs;
        private List<CryptoAttribute> crypto;
        private boolean removeDtls;
        private String direction;

        public Builder address(String newAddrType, String newAddress) {
            this.addrType = newAddrType;
            this.address = newAddress;
            return this;
        }

        public Builder port(int newPort) {
            this.port = newPort;
            return this;
        }

        public Builder proto(String newProto) {
            this.proto = newProto;
            return this;
        }

        public Builder rtcpPort(int newRtcpPort) {
            this.rtcpPort = newRtcpPort;
            return this;
        }

        public Builder rtcpMux(Boolean mux) {
            this.rtcpMux = mux;
            return this;
        }

        public Builder removeIce(boolean remove) {
            this.removeIce = remove;
            return this;
        }

        public Builder ice(IceCandidates candidates) {
            this.ice = candidates;
            return this;
        }

        public Builder codecs(CodecFilter filter) {
            this.codecs = filter;
            return this;
        }

        public Builder crypto(List<CryptoAttribute> lines) {
            this.crypto = lines;
            return this;
        }

        public Builder removeDtls(boolean remove) {
            this.removeDtls = remove;
            return this;
        }

        public Builder direction(String newDirection) {
            this.direction = newDirection;
            return this;
        }

        public MediaRewrite build() {
            return new MediaRewrite(addrType, address, port, proto, rtcpPort, rtcpMux, removeIce, ice, codecs, crypto,
                    removeDtls, direction);
        }
    }
}
