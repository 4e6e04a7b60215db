package io.sbc.signaling.b2bua;

import io.sbc.policy.model.Trunk;
import io.sbc.signaling.dialog.Dialog;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.transaction.ClientTransaction;
import io.sbc.signaling.transaction.Destination;

import java.util.Optional;

/**
 * Requests of an established call that a trunk challenges (RFC 3261 §22.2): relayed in-dialog
 * requests (re-INVITE, UPDATE, INFO...) and the BYEs the SBC sends are answered once with the
 * trunk's {@code auth:} credentials ({@link TrunkDigestChallenges}).
 *
 * <p>Owner: the worker's event loop, like {@link CallLegs}.
 */
final class ChallengedRequests {
    private final B2bua b2bua;
    private final CallLegs legs;

    ChallengedRequests(B2bua b2bua, CallLegs legs) {
        this.b2bua = b2bua;
        this.legs = legs;
    }

    /**
     * An in-dialog request relayed toward a trunk (re-INVITE, BYE, UPDATE, ...) was challenged: sent
     * again once with the trunk's credentials (RFC 3261 §22.2), a new CSeq taken from the leg's dialog
     * and a new branch, after the layer has ACKed a challenged re-INVITE (§17.1.1.3). False when the
     * challenge cannot be answered (no credentials, or they already failed): it is relayed back.
     */
    boolean resign(Relay rl, ClientTransaction ct, SipResponse r, Side to) {
        Call c = rl.call();
        if (!(b2bua.ctx.challenges() instanceof TrunkDigestChallenges digest) || c.state == CallState.ENDED) {
            return false;
        }
        SipRequest signed = digest.sign(c.trunk(to), ct.request(), r);
        if (signed == null) {
            return false;
        }
        Dialog od = rl.fork().dialog(to);
        SipEndpoint ep = c.endpoint(to);
        signed.setHeader("CSeq", od.nextLocalSeq() + " " + ct.request().method());
        signed.popVia();
        signed.pushVia(ep.newVia());
        Destination dest = ct.destination();
        b2bua.loop.execute(() -> {
            Optional<ClientTransaction> again = ep.layer().sendRequest(signed, dest);
            if (again.isEmpty()) {
                legs.relayFailed(rl, 503, "Service Unavailable");
            } else {
                again.get().applicationData(rl);
            }
        });
        return true;
    }

    /** A BYE the SBC sent toward a trunk with credentials: answered once if challenged (RFC 3261 §22.2). */
    record ChallengedBye(Trunk trunk, SipEndpoint endpoint, Dialog dialog) {
    }

    /** 401/407 to a {@link ChallengedBye}: sent again with the trunk's credentials, next CSeq, new branch. */
    void byeResponse(ChallengedBye b, ClientTransaction ct, SipResponse r) {
        int code = r.statusCode();
        if ((code != 401 && code != 407) || !(b2bua.ctx.challenges() instanceof TrunkDigestChallenges digest)) {
            return;
        }
        SipRequest signed = digest.sign(b.trunk(), ct.request(), r);
        if (signed == null) {
            return; // the credentials failed: the call is over on our side anyway
        }
        signed.setHeader("CSeq", b.dialog().nextLocalSeq() + " BYE");
        signed.popVia();
        signed.pushVia(b.endpoint().newVia());
        b.endpoint().layer().sendRequest(signed, ct.destination())
                .ifPresent(again -> again.applicationData(new ChallengedBye(b.trunk(), b.endpoint(), b.dialog())));
    }
}
