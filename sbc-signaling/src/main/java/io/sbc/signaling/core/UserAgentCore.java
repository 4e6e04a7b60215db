package io.sbc.signaling.core;

import io.sbc.signaling.message.SipMethod;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.transaction.ClientTransaction;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.InviteServerTransaction;
import io.sbc.signaling.transaction.NonInviteServerTransaction;
import io.sbc.signaling.transaction.ServerTransaction;
import io.sbc.signaling.transaction.Transaction;
import io.sbc.signaling.transaction.TransactionTimer;
import io.sbc.signaling.transaction.SipTokens;
import io.sbc.signaling.transaction.TransactionUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SBC's own user agent core (RFC 3261 §8.2): answers what is addressed to the SBC itself and
 * refuses what it cannot serve, with the status codes the RFC prescribes. OPTIONS gets 200 with the
 * SBC's capabilities (a keep-alive probe from a PBX or carrier, RFC 3261 §11.2). It sees only what
 * the B2BUA ({@link io.sbc.signaling.b2bua.B2bua}) does not take: new INVITEs and in-dialog requests
 * and out-of-dialog MESSAGE go there first. Refused here: other out-of-dialog requests with 404 "No Route",
 * requests inside an unknown dialog with 481, REGISTER with 405 on realms that take no registrations
 * (realms with {@code auth} users or trust answer it before, in {@code SignalingWorker.EndpointUser}),
 * unknown methods with 501.
 *
 * <p>Owned by one {@link SignalingWorker}'s event loop; every callback runs there.
 */
final class UserAgentCore implements TransactionUser {
    private static final Logger LOG = LoggerFactory.getLogger(UserAgentCore.class);

    /** Methods this SBC serves; the Allow header of 200 (OPTIONS), 405 and 501 (RFC 3261 §20.5). */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, INFO, MESSAGE, REFER, NOTIFY";
    /** Option tags this SBC supports (RFC 3261 §8.2.2.3); none yet, so any Require is refused with 420. */
    static final Set<String> SUPPORTED = Set.of();

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        SipMethod method = request.methodKind();
        if (method == SipMethod.OTHER) {
            // RFC 3261 §8.2.1: a method the UAS does not recognize gets 501 with Allow.
            respond(tx, request, 501, "Not Implemented", true);
            return;
        }
        List<String> unsupported = unsupportedExtensions(request);
        if (!unsupported.isEmpty()) {
            SipResponse r = response(request, 420, "Bad Extension");
            r.addHeader("Unsupported", String.join(", ", unsupported));
            tx.sendResponse(r);
            return;
        }
        if (request.maxForwards() == 0 && method != SipMethod.OPTIONS) {
            // RFC 3261 §16.3 step 2 for the proxying half of a B2BUA; OPTIONS is answered (§11).
            respond(tx, request, 483, "Too Many Hops", false);
            return;
        }
        switch (method) {
            case OPTIONS -> answerOptions(tx, request);
            case BYE, PRACK, UPDATE, INFO, NOTIFY -> respond(tx, request, 481, "Call/Transaction Does Not Exist", false);
            case REGISTER, PUBLISH, SUBSCRIBE -> respond(tx, request, 405, "Method Not Allowed", true);
            default -> {
                if (request.toTag() != null) {
                    respond(tx, request, 481, "Call/Transaction Does Not Exist", false);
                } else {
                    respond(tx, request, 404, "No Route", false);
                }
            }
        }
    }

    private void answerOptions(ServerTransaction tx, SipRequest request) {
        SipResponse ok = response(request, 200, "OK");
        ok.addHeader("Allow", ALLOW);
        ok.addHeader("Accept", "application/sdp");
        ok.addHeader("Accept-Language", "en");
        tx.sendResponse(ok);
    }

    private static List<String> unsupportedExtensions(SipRequest request) {
        if (request.methodKind() == SipMethod.CANCEL || request.methodKind() == SipMethod.ACK) {
            return List.of(); // RFC 3261 §8.2.2.3: never for CANCEL or ACK
        }
        List<String> required = request.headerValues("Require");
        if (required.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(required.size());
        for (String tag : required) {
            String t = tag.trim().toLowerCase(Locale.ROOT);
            if (!t.isEmpty() && !SUPPORTED.contains(t)) {
                out.add(tag.trim());
            }
        }
        return out;
    }

    @Override
    public void onCancel(NonInviteServerTransaction cancelTx, SipRequest cancel, InviteServerTransaction target) {
        if (target == null) {
            cancelTx.sendResponse(response(cancel, 481, "Call/Transaction Does Not Exist"));
            return;
        }
        // RFC 3261 §9.2: 200 to the CANCEL; 487 to the INVITE unless it already has a final response.
        cancelTx.sendResponse(response(cancel, 200, "OK"));
        if (target.lastStatusCode() < 200) {
            target.sendResponse(response(target.request(), 487, "Request Terminated"));
        }
    }

    @Override
    public void onAck(SipRequest ack, Destination source) {
        // No dialog is established by this core, so a 2xx ACK has nothing to confirm (RFC 3261 §17.2.3).
        LOG.debug("ACK without dialog from {} dropped", source.remote());
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        LOG.debug("response {} for {} not consumed", response.statusCode(), transaction.method());
    }

    @Override
    public void onTimeout(Transaction transaction, TransactionTimer timer) {
        LOG.debug("{} {} ended on timer {}", transaction.method(), transaction.destination().remote(), timer);
    }

    @Override
    public void onTransportError(Transaction transaction, String reason) {
        LOG.debug("transport error for {} to {}: {}", transaction.method(),
                transaction.destination().remote(), reason);
    }

    private void respond(ServerTransaction tx, SipRequest request, int code, String reason, boolean withAllow) {
        SipResponse r = response(request, code, reason);
        if (withAllow) {
            r.addHeader("Allow", ALLOW);
        }
        tx.sendResponse(r);
    }

    /** A response with a fresh To tag (RFC 3261 §8.2.6.2), none for 100 Trying. */
    static SipResponse response(SipRequest request, int code, String reason) {
        return SipResponses.create(request, code, reason, code > 100 ? SipTokens.newTag() : null);
    }
}
