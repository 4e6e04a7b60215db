package io.sbc.signaling.message;

import io.sbc.signaling.codec.HeaderName;

/** Builds responses to requests the way a UAS must (RFC 3261 §8.2.6). */
public final class SipResponses {
    private SipResponses() {}

    /**
     * RFC 3261 §8.2.6.2: copies every Via (in order, byte-for-byte), From, To, Call-ID and CSeq of
     * {@code request}; adds {@code tag=toTag} to To when {@code toTag} is non-null and To has no tag;
     * ends with {@code Content-Length: 0}. Works on the partially parsed request of
     * {@code ParseError.answerable()}: headers that are missing there are missing in the answer too.
     */
    public static SipResponse create(SipRequest request, int code, String reason, String toTag) {
        SipResponse r = SipResponse.create(code, reason);
        int n = request.headerCount();
        for (int i = 0; i < n; i++) {
            int id = request.idAt(i);
            if (id == HeaderName.TO.ordinal() && toTag != null) {
                NameAddr to = request.to();
                if (to != null && to.tag() == null && request.findId(HeaderName.TO) == i) {
                    r.addHeader(request.nameAt(i), to.withTag(toTag).toString());
                    continue;
                }
            }
            if (id == HeaderName.VIA.ordinal() || id == HeaderName.FROM.ordinal() || id == HeaderName.TO.ordinal()
                    || id == HeaderName.CALL_ID.ordinal() || id == HeaderName.CSEQ.ordinal()) {
                request.copyHeaderTo(i, r);
            }
        }
        r.addHeader("Content-Length", "0");
        return r;
    }
}
