package io.sbc.signaling.b2bua;

import io.sbc.signaling.mediactl.MediaCommands;
import io.sbc.signaling.mediactl.NgReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Media timeout (issue #5: "a media timeout reported by the relay ends the call with BYE on both
 * legs"), learnt over ng only: every few seconds each established anchored call is {@code query}d,
 * and when no stream has seen a packet ({@code last packet}, epoch seconds, as rtpengine reports it)
 * for the policy's {@code media.timeout} since the call was answered, both legs get BYE. Polling
 * works the same against the embedded relay and a real rtpengine, which has no push channel in ng.
 *
 * <p>Owner: the worker's event loop; query replies hop back to it.
 */
final class MediaWatch {
    private static final Logger LOG = LoggerFactory.getLogger(MediaWatch.class);
    /** How often calls are checked; the effective resolution of the timeout. */
    static final long CHECK_INTERVAL_MS = 1000;

    private final B2bua b2bua;
    private final Set<Call> watched = new LinkedHashSet<>();
    private boolean started;

    MediaWatch(B2bua b2bua) {
        this.b2bua = b2bua;
    }

    void watch(Call c) {
        if (!c.anchored || b2bua.ctx.media() == null) {
            return;
        }
        c.confirmedEpochSeconds = System.currentTimeMillis() / 1000;
        watched.add(c);
        if (!started) {
            started = true;
            b2bua.timers.schedule(CHECK_INTERVAL_MS, this::tick);
        }
    }

    void unwatch(Call c) {
        watched.remove(c);
    }

    private void tick() {
        List<Call> calls = new ArrayList<>(watched);
        for (Call c : calls) {
            long timeoutS = Math.max(1, c.policy.policy().media().timeout().toSeconds());
            long now = System.currentTimeMillis() / 1000;
            if (now - c.confirmedEpochSeconds < timeoutS) {
                continue; // cannot have timed out yet: no query needed
            }
            b2bua.ctx.media().send(MediaCommands.query(c.mediaId))
                    .thenAcceptAsync(reply -> check(c, reply, timeoutS), b2bua.loop);
        }
        b2bua.timers.schedule(CHECK_INTERVAL_MS, this::tick);
    }

    private void check(Call c, NgReply reply, long timeoutS) {
        if (c.state != CallState.CONFIRMED || !reply.ok()) {
            return;
        }
        long last = Math.max(c.confirmedEpochSeconds, lastPacket(reply.dict()));
        long now = System.currentTimeMillis() / 1000;
        if (now - last >= timeoutS) {
            LOG.info("no media for {} s: ending the call with BYE on both legs", now - last);
            b2bua.ctx.counters().mediaTimeouts.increment();
            c.endedBy(io.sbc.signaling.cdr.CdrRecord.EndedBy.MEDIA_TIMEOUT, "no media " + (now - last) + "s");
            b2bua.legs.hangup(c);
        }
    }

    /** The latest {@code last packet} of any stream in a query reply; 0 when none. */
    static long lastPacket(Object node) {
        long max = 0;
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("last packet".equals(e.getKey()) && e.getValue() instanceof Long l) {
                    max = Math.max(max, l);
                } else {
                    max = Math.max(max, lastPacket(e.getValue()));
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) {
                max = Math.max(max, lastPacket(o));
            }
        }
        return max;
    }
}
