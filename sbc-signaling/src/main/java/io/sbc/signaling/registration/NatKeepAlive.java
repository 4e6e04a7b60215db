package io.sbc.signaling.registration;

import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.transaction.SipTokens;
import io.sbc.signaling.transaction.TimerHandle;
import io.sbc.signaling.transaction.TimerScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps NAT bindings of registered UDP contacts open and finds dead ones: every {@code interval}
 * (default 25 s, under the 30 s UDP timeout of common NATs, RFC 5626 §4.4.1) an OPTIONS goes to each
 * live UDP binding's flow (the REGISTER's source address and port) with the contact as Request-URI.
 * Any response counts as alive (even 404/405: the pinhole carried it); after {@code maxMissed}
 * consecutive timeouts the binding is removed, so calls are no longer sent into a dead pinhole.
 *
 * <p>Stream flows are not pinged: the connection itself is the keep-alive, a closed one removes its
 * bindings ({@link Registrar#flowClosed}), and clients send CRLF keep-alives (RFC 5626 §4.4.1) that the
 * transport answers.
 *
 * <p>Bounded: one OPTIONS per UDP binding per round ({@link RegistrarSettings#maxBindings()} at most).
 * Owner: the event loop of its {@link RequestSender} and {@link TimerScheduler}.
 */
public final class NatKeepAlive {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(25);
    public static final int DEFAULT_MAX_MISSED = 3;

    private final Registrar registrar;
    private final RequestSender sender;
    private final TimerScheduler scheduler;
    private final long intervalMillis;
    private final int maxMissed;
    private final String viaHost;
    private final int viaPort;
    private final SipUri from;
    private final Map<String, Integer> missed = new HashMap<>();
    private TimerHandle timer;
    private long sent;
    private long removed;

    /**
     * @param viaHost the SBC's address on the realm the contacts registered on
     * @param from    the SBC's own URI for From
     */
    public NatKeepAlive(Registrar registrar, RequestSender sender, TimerScheduler scheduler, Duration interval,
            int maxMissed, String viaHost, int viaPort, SipUri from) {
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.intervalMillis = interval.toMillis();
        if (intervalMillis < 1000 || maxMissed < 1) {
            throw new IllegalArgumentException("interval >= 1 s and maxMissed >= 1 required");
        }
        this.maxMissed = maxMissed;
        this.viaHost = Objects.requireNonNull(viaHost, "viaHost");
        this.viaPort = viaPort;
        this.from = Objects.requireNonNull(from, "from");
    }

    public void start() {
        if (timer == null) {
            timer = scheduler.schedule(intervalMillis, this::round);
        }
    }

    public void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void round() {
        pingAll();
        timer = scheduler.schedule(intervalMillis, this::round);
    }

    /** Sends one OPTIONS to every live UDP binding now; returns how many were sent. */
    public int pingAll() {
        int n = 0;
        for (Binding b : registrar.allBindings()) {
            if (!b.flow().reliable()) {
                ping(b);
                n++;
            }
        }
        missed.keySet().retainAll(registrar.allBindings().stream().map(NatKeepAlive::key).toList());
        return n;
    }

    private void ping(Binding b) {
        SipRequest r = SipRequest.create("OPTIONS", b.contact());
        r.addHeader("Via", Via.of("UDP", viaHost, viaPort, SipTokens.newBranch()).withParam("rport", null).toString());
        r.addHeader("Max-Forwards", "70");
        r.addHeader("From", NameAddr.of(from).withTag(SipTokens.newTag()).toString());
        r.addHeader("To", NameAddr.of(b.contact()).toString());
        r.addHeader("Call-ID", SipTokens.newTag() + SipTokens.newTag() + "@" + viaHost);
        r.addHeader("CSeq", "1 OPTIONS");
        r.addHeader("Content-Length", "0");
        sent++;
        String key = key(b);
        sender.send(r, b.flow(), new ResponseHandler() {
            @Override
            public void onResponse(SipResponse response) {
                if (response.statusCode() >= 200) {
                    missed.remove(key);
                }
            }

            @Override
            public void onFailure(String reason) {
                int m = missed.merge(key, 1, Integer::sum);
                if (m >= maxMissed) {
                    missed.remove(key);
                    if (registrar.remove(b.aor(), b.contact())) {
                        removed++;
                    }
                }
            }
        });
    }

    private static String key(Binding b) {
        return b.aor() + " " + b.contact();
    }

    /** OPTIONS sent so far. */
    public long pingsSent() {
        return sent;
    }

    /** Bindings removed after {@code maxMissed} unanswered pings. */
    public long bindingsRemoved() {
        return removed;
    }
}
