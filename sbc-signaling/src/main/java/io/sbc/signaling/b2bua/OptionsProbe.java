package io.sbc.signaling.b2bua;

import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.routing.GatewayHealth;
import io.sbc.signaling.transaction.TimerHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OPTIONS keep-alive probe to one gateway (the client transaction's application data). The
 * first final response, the transaction's timeout or the probe's own deadline (one interval,
 * shorter than Timer F) records one result in {@link GatewayHealth}, once.
 */
final class OptionsProbe {
    private static final Logger LOG = LoggerFactory.getLogger(OptionsProbe.class);
    private final GatewayHealth health;
    private final String gateway;
    private final int failures;
    private final int recoveries;
    private boolean done;
    TimerHandle deadline;

    OptionsProbe(GatewayHealth health, String gateway, int failures, int recoveries) {
        this.health = health;
        this.gateway = gateway;
        this.failures = failures;
        this.recoveries = recoveries;
    }

    boolean onResponse(SipResponse r) {
        if (r.statusCode() >= 200) {
            // Any final answer proves the gateway alive (RFC 3261 §11.2), except 503: it says it is not serving.
            record(r.statusCode() != 503);
        }
        return true;
    }

    void onTimeout() {
        record(false);
    }

    private void record(boolean answered) {
        if (done) {
            return;
        }
        done = true;
        if (deadline != null) {
            deadline.cancel();
        }
        if (health.record(gateway, answered, failures, recoveries)) {
            LOG.info("gateway {} is now {}", gateway, health.isUp(gateway) ? "up" : "down");
        }
    }
}
