package io.sbc.signaling.dialog;

import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.message.Uri;
import io.sbc.signaling.message.Via;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SIP dialog as RFC 3261 §12 defines its state: Call-ID, local and remote tag, local and remote
 * CSeq, local and remote URI, remote target (the peer's Contact) and route set (from
 * Record-Route). Each leg of a B2BUA call is one dialog of its own; nothing in it comes from the
 * other leg.
 *
 * <p>Owner: the event loop of the call that holds it. Not thread-safe.
 */
public final class Dialog {
    private final String callId;
    private final String localTag;
    private String remoteTag;
    private final NameAddr localUri;
    private final NameAddr remoteUri;
    private long localSeq;
    private long remoteSeq;
    private Uri remoteTarget;
    private List<NameAddr> routeSet;
    private final NameAddr localContact;
    private DialogState state = DialogState.EARLY;

    private Dialog(String callId, String localTag, String remoteTag, NameAddr localUri, NameAddr remoteUri,
            long localSeq, long remoteSeq, Uri remoteTarget, List<NameAddr> routeSet, NameAddr localContact) {
        this.callId = callId;
        this.localTag = localTag;
        this.remoteTag = remoteTag;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
        this.remoteTarget = remoteTarget;
        this.routeSet = routeSet;
        this.localContact = localContact;
    }

    /**
     * The UAS side of a dialog created by {@code invite} (RFC 3261 §12.1.1): remote target from its
     * Contact, route set = its Record-Route in order, remote CSeq = its CSeq, local URI = its To,
     * remote URI = its From. Early until {@link #confirm()}.
     */
    public static Dialog asUas(SipRequest invite, String localTag, NameAddr localContact) {
        List<NameAddr> contacts = invite.contacts();
        Uri target = contacts.isEmpty() || contacts.get(0).isStar() ? invite.from().uri() : contacts.get(0).uri();
        return new Dialog(invite.callId(), localTag, invite.fromTag(), withoutTag(invite.to()), withoutTag(invite.from()),
                0, invite.cseqNumber(), own(target), own(invite.recordRoutes()), localContact);
    }

    /**
     * The UAC side before any response (RFC 3261 §12.1.2 once a response with a To tag arrives, see
     * {@link #onResponse}): local CSeq {@code initialSeq}, remote target {@code requestUri}.
     */
    public static Dialog asUac(String callId, String localTag, NameAddr localUri, NameAddr remoteUri, long initialSeq,
            Uri requestUri, NameAddr localContact) {
        return new Dialog(callId, localTag, null, withoutTag(localUri), withoutTag(remoteUri), initialSeq, -1,
                own(requestUri), List.of(), localContact);
    }

    private static NameAddr withoutTag(NameAddr a) {
        return own(a.tag() == null ? a : a.withoutParam("tag"));
    }

    /*
     * A parsed URI or name-addr reads its parts from the bytes of the message it came from, so a
     * dialog holding it would keep that whole message's bytes alive for the dialog's life (a held
     * call: the INVITE and the 2xx, each ~1 KB with its SDP). The dialog keeps copies parsed from
     * their own text instead.
     */
    private static NameAddr own(NameAddr a) {
        if (a == null || a.isStar()) {
            return a;
        }
        NameAddr copy = NameAddr.parse(a.toString());
        return copy == null ? a : copy;
    }

    private static Uri own(Uri u) {
        if (u == null) {
            return null;
        }
        Uri copy = Uri.parse(u.toString());
        return copy == null ? u : copy;
    }

    private static List<NameAddr> own(List<NameAddr> routes) {
        if (routes.isEmpty()) {
            return List.of();
        }
        NameAddr[] copies = new NameAddr[routes.size()];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = own(routes.get(i));
        }
        return List.of(copies);
    }

    /**
     * A response to the dialog-creating INVITE (UAC side, RFC 3261 §12.1.2): takes the remote tag,
     * the remote target (Contact) and the route set (Record-Route reversed). A 2xx confirms.
     */
    public void onResponse(SipResponse response) {
        if (state == DialogState.CONFIRMED) {
            return;
        }
        remoteTag = response.toTag();
        List<NameAddr> contacts = response.contacts();
        if (!contacts.isEmpty() && !contacts.get(0).isStar()) {
            remoteTarget = own(contacts.get(0).uri());
        }
        List<NameAddr> rr = new ArrayList<>(response.recordRoutes());
        Collections.reverse(rr);
        routeSet = own(rr);
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            state = DialogState.CONFIRMED;
        }
    }

    /**
     * Another early dialog of the same UAC request (a forking proxy's other branch, RFC 3261
     * §12.1.2: each To tag makes its own dialog): same Call-ID, local tag, URIs and CSeq, then
     * {@link #onResponse} with the response that created it.
     */
    public Dialog fork(SipResponse response) {
        Dialog d = new Dialog(callId, localTag, null, localUri, remoteUri, localSeq, remoteSeq, remoteTarget, routeSet,
                localContact);
        d.onResponse(response);
        return d;
    }

    /** A target refresh (re-INVITE, UPDATE, or their 2xx) carried a new Contact (RFC 3261 §12.2.1.2, §12.2.2). */
    public void refreshTarget(List<NameAddr> contacts) {
        if (!contacts.isEmpty() && !contacts.get(0).isStar()) {
            remoteTarget = own(contacts.get(0).uri());
        }
    }

    public void confirm() {
        if (state == DialogState.EARLY) {
            state = DialogState.CONFIRMED;
        }
    }

    public void terminate() {
        state = DialogState.TERMINATED;
    }

    /**
     * RFC 3261 §12.2.2: a request whose CSeq is lower than the remote CSeq is out of order (the
     * caller answers 500); otherwise the remote CSeq advances. ACK and CANCEL reuse their INVITE's
     * number and are not checked here.
     */
    public boolean acceptRemoteSeq(long seq) {
        if (remoteSeq >= 0 && seq < remoteSeq) {
            return false;
        }
        remoteSeq = seq;
        return true;
    }

    /**
     * A new request inside the dialog (RFC 3261 §12.2.1.1): Request-URI = remote target, Route =
     * route set, To = remote URI + remote tag, From = local URI + local tag, CSeq = ++local CSeq,
     * Contact = the SBC's own, Max-Forwards 70, and the given top Via. The caller adds a body.
     */
    public SipRequest createRequest(String method, Via via) {
        localSeq++;
        return build(method, via, localSeq);
    }

    /** The ACK for a 2xx to the INVITE with CSeq {@code inviteSeq} (RFC 3261 §13.2.2.4): same number, method ACK. */
    public SipRequest createAck(long inviteSeq, Via via) {
        return build("ACK", via, inviteSeq);
    }

    private SipRequest build(String method, Via via, long seq) {
        SipRequest r = SipRequest.create(method, remoteTarget);
        r.addHeader("Via", via.toString());
        r.addHeader("Max-Forwards", "70");
        for (NameAddr route : routeSet) {
            r.addHeader("Route", route.toString());
        }
        r.addHeader("From", localUri.withParam("tag", localTag).toString());
        r.addHeader("To", remoteTag == null ? remoteUri.toString() : remoteUri.withParam("tag", remoteTag).toString());
        r.addHeader("Call-ID", callId);
        r.addHeader("CSeq", seq + " " + method);
        if (!"ACK".equals(method) && !"CANCEL".equals(method) && !"BYE".equals(method)) {
            r.addHeader("Contact", localContact.toString());
        }
        return r;
    }

    /**
     * The URI the next request goes to (RFC 3261 §12.2.1.1 with loose routing): the first route, or the
     * remote target when the route set is empty. Null when that is not a SIP URI.
     */
    public SipUri nextHop() {
        Uri u = routeSet.isEmpty() ? remoteTarget : routeSet.get(0).uri();
        return u instanceof SipUri s ? s : null;
    }

    /** Takes the next local CSeq number for a request built elsewhere (e.g. the initial INVITE on failover). */
    public long nextLocalSeq() {
        return ++localSeq;
    }

    public String callId() {
        return callId;
    }

    public String localTag() {
        return localTag;
    }

    public String remoteTag() {
        return remoteTag;
    }

    public long localSeq() {
        return localSeq;
    }

    public long remoteSeq() {
        return remoteSeq;
    }

    public Uri remoteTarget() {
        return remoteTarget;
    }

    public List<NameAddr> routeSet() {
        return routeSet;
    }

    public NameAddr localUri() {
        return localUri;
    }

    public NameAddr remoteUri() {
        return remoteUri;
    }

    public NameAddr localContact() {
        return localContact;
    }

    public DialogState state() {
        return state;
    }
}
