package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.RuleObserver;
import io.sbc.policy.model.Gateway;
import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.routing.CallAttempt;

/**
 * Builds the requests one leg sends from what the other leg received: the initial INVITE (fresh:
 * Request-URI from the gateway, From/To user parts and display names carried, the SBC's own Via,
 * Contact, Call-ID, tags and CSeq, allow-listed headers, then the outbound number and header rules)
 * and the copying of allow-listed headers into in-dialog requests. Used by live calls and by
 * {@code ops/sbc explain} alike. Stateless.
 */
public final class OutboundRequests {
    private OutboundRequests() {
    }

    /** A received request as the policy sees it, after the inbound number and header rules. */
    public static MessageDraft inbound(PolicySnapshot snapshot, EvalContext in, SipRequest request, RuleObserver obs) {
        MessageDraft d = MessageDraft.of(request);
        snapshot.numberRules().applyInbound(in, d, obs);
        snapshot.headerRules().applyInbound(in, d, obs);
        return d;
    }

    /**
     * The initial INVITE (or out-of-dialog request) toward {@code attempt}'s gateway from endpoint
     * {@code out}.
     *
     * @param inbound     the received request after inbound rules ({@link #inbound})
     * @param body        the body to send (the relay's SDP when anchored), may be empty
     * @param maxForwards the received Max-Forwards minus one (RFC 3261 §16.6 step 3 for the B2BUA's proxy half)
     */
    public static SipRequest initial(PolicySnapshot snapshot, EvalContext in, MessageDraft inbound, CallAttempt attempt,
            SipEndpoint out, Via via, String callId, String fromTag, long cseq, byte[] body, int maxForwards,
            RuleObserver obs) {
        Gateway gw = attempt.gateway();
        SipUri ruri = SipUri.of(inbound.ruriUser(), gw.uri().host(), gw.uri().port() > 0 ? gw.uri().port() : -1);
        if (gw.uri().transport() != null) {
            ruri = ruri.withParam("transport", gw.uri().transport());
        }
        MessageDraft d = MessageDraft.request(inbound.method(), ruri);
        d.addHeader("Via", via.toString());
        d.addHeader("Max-Forwards", Integer.toString(maxForwards));
        NameAddr from = address(inbound.header("From"), inbound.fromUser(), out.host());
        d.addHeader("From", from.withParam("tag", fromTag).toString());
        d.addHeader("To", address(inbound.header("To"), inbound.toUser(), gw.uri().host()).toString());
        d.addHeader("Call-ID", callId);
        d.addHeader("CSeq", cseq + " " + inbound.method());
        d.addHeader("Contact", out.contact().toString());
        copyAllowed(inbound, d);
        d.setBody(body);
        EvalContext toward = in.toward(attempt.trunk().realm(), attempt.trunk().name());
        snapshot.numberRules().applyOutbound(toward, d, obs);
        snapshot.headerRules().applyOutbound(toward, d, obs);
        return d.toRequest();
    }

    /** A From/To for the new leg: the display name of {@code original}, {@code sip:user@host}. */
    static NameAddr address(String original, String user, String host) {
        NameAddr a = original == null ? null : NameAddr.parse(original);
        NameAddr out = NameAddr.of(SipUri.of(user, host, -1));
        String display = a == null ? null : a.displayName();
        return display == null || display.isEmpty() ? out : out.withDisplayName(display);
    }

    /** Copies the allow-listed request headers of {@code from} (not its body) into {@code to}. */
    static void copyAllowed(MessageDraft from, MessageDraft to) {
        for (int i = 0; i < from.headerCount(); i++) {
            if (HeaderAllowList.request(from.headerName(i))) {
                String v = "Require".equals(from.headerName(i)) ? SessionTimers.requireForOtherLeg(from.headerValue(i))
                        : from.headerValue(i);
                if (v != null) {
                    to.addHeader(from.headerName(i), v);
                }
            }
        }
    }

    /** Copies allow-listed headers of a received message into a message being built for the other leg. */
    static void copyAllowed(SipMessage from, SipMessage to, boolean response) {
        for (io.sbc.signaling.message.HeaderField f : from.headerFields()) {
            String name = MessageDraft.longForm(f.name());
            if ("Content-Type".equals(name)) {
                continue; // set with the body
            }
            if (response ? HeaderAllowList.response(name) : HeaderAllowList.request(name)) {
                String v = "Require".equals(name) ? SessionTimers.requireForOtherLeg(f.value()) : f.value();
                if (v != null) {
                    to.addHeader(name, v);
                }
            }
        }
    }
}
