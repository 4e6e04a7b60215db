package io.sbc.media.sdp;

/** The {@code o=} line fields (RFC 8866 §5.2). */
public record Origin(String username, String sessionId, String sessionVersion,
                     String netType, String addrType, String address) {
    public String format() {
        return "o=" + username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + address;
    }

    public Origin withAddress(String newAddrType, String newAddress) {
        return new Origin(username, sessionId, sessionVersion, netType, newAddrType, newAddress);
    }
}
