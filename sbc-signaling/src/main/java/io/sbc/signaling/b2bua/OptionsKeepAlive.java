package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.OptionsPing;
import io.sbc.policy.model.Trunk;
import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.routing.CallIds;
import io.sbc.signaling.transaction.ClientTransaction;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.SipTokens;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * OPTIONS keep-alive toward every gateway of every trunk that has {@code options:} in the policy
 * (issue #5): one probe per gateway per interval from the trunk realm's listen point; results go to
 * {@link io.sbc.signaling.routing.GatewayHealth}, which call routing reads. Runs on one worker (the
 * first), re-reading the current policy each round, so a reload adds or removes probes.
 *
 * <p>Owner: that worker's event loop.
 */
public final class OptionsKeepAlive {
    /** How often the policy is re-read and due probes sent (the policy's intervals are at least 1 s). */
    static final long TICK_MS = 1000;

    private final B2bua b2bua;
    private final int workerIndex;
    private final int workerCount;
    private final java.util.Map<String, Long> nextProbeNanos = new java.util.HashMap<>();
    private boolean stopped;

    public OptionsKeepAlive(B2bua b2bua, int workerIndex, int workerCount) {
        this.b2bua = b2bua;
        this.workerIndex = workerIndex;
        this.workerCount = workerCount;
    }

    public void start() {
        b2bua.timers.schedule(TICK_MS, this::tick);
    }

    public void stop() {
        stopped = true;
    }

    private void tick() {
        if (stopped) {
            return;
        }
        PolicySnapshot snapshot = b2bua.ctx.policy().get();
        long now = System.nanoTime();
        for (Trunk t : snapshot.policy().trunks().values()) {
            OptionsPing ping = t.options();
            if (ping == null) {
                continue;
            }
            for (Gateway g : t.gateways()) {
                String key = t.name() + '|' + g.uri().text();
                Long due = nextProbeNanos.get(key);
                if (due == null || now - due >= 0) {
                    nextProbeNanos.put(key, now + ping.interval().toNanos());
                    probe(t, g, ping);
                }
            }
        }
        b2bua.timers.schedule(TICK_MS, this::tick);
    }

    private void probe(Trunk t, Gateway g, OptionsPing ping) {
        SipEndpoint ep = b2bua.endpoint(t.realm(), g.uri().transport() == null ? "UDP" : g.uri().transport());
        int port = g.uri().port() > 0 ? g.uri().port() : 5060;
        InetSocketAddress dest = CallLegs.literal(g.uri().host(), port);
        if (ep == null || dest == null) {
            return;
        }
        SipUri target = SipUri.of(null, g.uri().host(), g.uri().port() > 0 ? g.uri().port() : -1);
        SipRequest r = SipRequest.create("OPTIONS", target);
        r.addHeader("Via", ep.newVia().toString());
        r.addHeader("Max-Forwards", "70");
        r.addHeader("From", NameAddr.of(SipUri.of("sbc", ep.host(), -1)).withParam("tag", SipTokens.newTag()).toString());
        r.addHeader("To", NameAddr.of(target).toString());
        // The answer must come back to this worker: the dispatcher routes by Call-ID.
        r.addHeader("Call-ID", CallIds.sameOwner(workerIndex, workerCount));
        r.addHeader("CSeq", "1 OPTIONS");
        r.addHeader("Contact", ep.contact().toString());
        r.addHeader("Content-Length", "0");
        OptionsProbe probe = new OptionsProbe(b2bua.ctx.health(), g.uri().text(), ping.failures(), ping.recoveries());
        Optional<ClientTransaction> tx = ep.layer().sendRequest(r, Destination.of(ep.point().transport().viaToken(), dest));
        if (tx.isEmpty() || tx.get().isTerminated()) {
            probe.onTimeout();
            return;
        }
        tx.get().applicationData(probe);
        Duration wait = ping.interval();
        probe.deadline = b2bua.timers.schedule(Math.max(100, wait.toMillis()), probe::onTimeout);
    }
}
