package io.sbc.signaling.b2bua;

import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.transaction.SipTokens;
import io.sbc.signaling.transaction.TransactionLayer;
import io.sbc.signaling.transaction.TransactionTransport;
import io.sbc.signaling.transport.ListenPoint;
import io.sbc.signaling.transport.Transport;

/**
 * One listen point of a realm as the B2BUA uses it on one worker: the transaction layer that
 * sends and receives there, and the raw transport for ACKs of 2xx (RFC 3261 §13.2.2.4, sent outside
 * any transaction). The SBC's Via, Contact and From host on a leg are this listen point's own
 * address, so a leg shows only the SBC's address in that realm.
 */
public record SipEndpoint(ListenPoint point, TransactionLayer layer, TransactionTransport transport) {

    public String realm() {
        return point.realm();
    }

    public String host() {
        return point.address().getAddress().getHostAddress();
    }

    public int port() {
        return point.address().getPort();
    }

    /** A top Via with a fresh branch and rport (RFC 3581) for a request sent from here. */
    public Via newVia() {
        return newVia(SipTokens.newBranch());
    }

    /** This endpoint's Via with {@code branch}: how a retransmitted request keeps its first copy's branch. */
    public Via newVia(String branch) {
        return Via.of(point.transport().viaToken(), host(), port(), branch).withParam("rport", null)
                .withParam("oc", null); // RFC 7339 §5.1: the SBC honours overload control from its peers
    }

    /** The SBC's Contact on legs through this listen point. */
    public NameAddr contact() {
        SipUri u = SipUri.of("sbc", host(), port());
        if (point.transport() != Transport.UDP) {
            u = u.withParam("transport", point.transport().viaToken().toLowerCase(java.util.Locale.ROOT));
        }
        return NameAddr.of(u);
    }
}
