package io.sbc.media.session;

import io.sbc.media.sdp.CodecFilter;
import io.sbc.media.sdp.SessionDescription;
import java.util.List;
import java.util.Set;

/**
 * An ng {@code offer} or {@code answer}, with its arguments already parsed and validated.
 *
 * @param callId            ng {@code call-id}
 * @param fromTag           ng {@code from-tag}
 * @param toTag             ng {@code to-tag} (required for answer), or null
 * @param viaBranch         ng {@code via-branch}, or null
 * @param sdp               the parsed body
 * @param direction         ng {@code direction}: two interface names (sender side, recipient side), or empty
 * @param ice               ng {@code ICE}
 * @param transportProtocol ng {@code transport-protocol} for the recipient side, or null to keep the sender's
 * @param replaceOrigin     ng {@code replace: [origin]}
 * @param rtcpMux           ng {@code rtcp-mux}
 * @param sdes              ng {@code SDES}
 * @param codecs            ng {@code codec} (strip/mask/except)
 * @param latching          from ng {@code flags}
 * @param sipSourceAddress  ng flag {@code SIP-source-address}: use {@code receivedFrom} instead of the SDP address
 * @param receivedFrom      ng {@code received-from} address, or null
 * @param mediaAddress      ng {@code media-address}: address to advertise instead of the interface address, or null
 * @param mediaDirection    direction attribute to set toward the recipient (relay extension key
 *                          {@code media-direction}), or null to keep the sender's
 * @param label             ng {@code label}, or null
 */
public record SignalRequest(String callId, String fromTag, String toTag, String viaBranch, SessionDescription sdp,
                            List<String> direction, IceMode ice, String transportProtocol, boolean replaceOrigin,
                            Set<RtcpMuxOption> rtcpMux, SdesOptions sdes, CodecFilter codecs, LatchingFlags latching,
                            boolean sipSourceAddress, String receivedFrom, String mediaAddress, String mediaDirection,
                            String label) {
    public SignalRequest {
        direction = List.copyOf(direction);
        rtcpMux = Set.copyOf(rtcpMux);
    }
}
