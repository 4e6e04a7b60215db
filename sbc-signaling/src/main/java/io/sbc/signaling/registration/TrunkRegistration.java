package io.sbc.signaling.registration;

import io.sbc.signaling.auth.ChallengeResponder;
import io.sbc.signaling.auth.DigestClient;
import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.SipTokens;
import io.sbc.signaling.transaction.TimerHandle;
import io.sbc.signaling.transaction.TimerScheduler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The SBC registering itself with one trunk's registrar (RFC 3261 §10.2): REGISTER with the policy's
 * Expires, answers to 401/407 through {@link ChallengeResponder}, a refresh before the granted
 * binding runs out, exponential backoff with jitter after failures, and an un-REGISTER (Expires: 0)
 * on {@link #stop()}.
 *
 * <p>Refresh: at {@code max(granted/2, min(granted*4/5, granted-32 s))}, so a 600 s binding is
 * refreshed after 480 s and a 60 s one after 30 s: early enough for a lost request and its
 * retransmissions (Timer F, 32 s) to end before expiry. One Call-ID for every REGISTER of this
 * registration, CSeq counting up (RFC 3261 §10.2.4).
 *
 * <p>Backoff: after the n-th consecutive failure the next attempt waits a random time in
 * {@code [d/2, d]} with {@code d = min(maxBackoff, initialBackoff * 2^(n-1))} (jitter spreads the
 * retries of many SBCs after a registrar outage); a 503's Retry-After is honoured when longer.
 * A 423 (Interval Too Brief) is retried at once with the Min-Expires asked for (RFC 3261 §10.2.8).
 *
 * <p>Owner: the event loop of the {@link RequestSender} and {@link TimerScheduler}; every method and
 * callback runs there.
 */
public final class TrunkRegistration {
    private final RegistrationSettings settings;
    private final RequestSender sender;
    private final TimerScheduler scheduler;
    private final LongSupplier clockMillis;
    private final RandomGenerator random;
    private final RegistrationListener listener;
    private final ChallengeResponder responder;
    private final String callId;
    private final String fromTag = SipTokens.newTag();

    private Destination destination;
    private RegistrationState state = RegistrationState.UNREGISTERED;
    private int expiresSeconds;
    private long cseq;
    private long expiresAtMillis;
    private long nextAttemptAtMillis;
    private int lastStatusCode;
    private String lastReason = "";
    private int consecutiveFailures;
    private int intervalRetries;
    private TimerHandle timer;
    /** Incremented for every new exchange and on stop: responses of an older exchange are ignored. */
    private int generation;
    private boolean stopped = true;
    /** The status as last published on the owner thread; read from any thread (admin API). */
    private volatile RegistrationStatus published;

    public TrunkRegistration(RegistrationSettings settings, Destination destination, RequestSender sender,
            TimerScheduler scheduler, LongSupplier clockMillis, RandomGenerator random, RegistrationListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = listener == null ? RegistrationListener.NONE : listener;
        this.responder = new ChallengeResponder(new DigestClient());
        this.callId = SipTokens.newTag() + SipTokens.newTag() + "@" + settings.viaHost();
        this.expiresSeconds = settings.expiresSeconds();
        publish();
    }

    /** Sends the first REGISTER. Calling it again while running does nothing. */
    public void start() {
        if (!stopped) {
            return;
        }
        stopped = false;
        consecutiveFailures = 0;
        register();
    }

    /**
     * Stops refreshing and, if a binding may exist, removes it (REGISTER with Expires: 0). The future
     * completes when the un-REGISTER has its final answer (or failed), at once when there was nothing
     * to remove.
     */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean mayBeBound = state == RegistrationState.REGISTERED || state == RegistrationState.REGISTERING;
        stopped = true;
        cancelTimer();
        generation++;
        nextAttemptAtMillis = 0;
        setState(RegistrationState.UNREGISTERED);
        if (!mayBeBound) {
            done.complete(null);
            return done;
        }
        expiresAtMillis = 0;
        int gen = generation;
        send(buildRegister(0), new Exchange(gen) {
            @Override
            void finished(SipResponse finalResponse, String failure) {
                done.complete(null);
            }
        });
        return done;
    }

    /** Where later REGISTERs go (after the lead re-resolved the registrar, RFC 3263). */
    public void updateDestination(Destination newDestination) {
        this.destination = Objects.requireNonNull(newDestination, "destination");
    }

    /** The current state; on the owner thread (elsewhere use {@link #status()}). */
    public RegistrationState state() {
        return state;
    }

    /** The latest snapshot; safe from any thread (e.g. the admin API serving /api/trunks). */
    public RegistrationStatus status() {
        return published;
    }

    private void publish() {
        published = new RegistrationStatus(settings.trunk(), state, expiresAtMillis, nextAttemptAtMillis,
                lastStatusCode, lastReason, consecutiveFailures);
    }

    public RegistrationSettings settings() {
        return settings;
    }

    private void register() {
        cancelTimer();
        nextAttemptAtMillis = 0;
        if (state != RegistrationState.REGISTERED) {
            setState(RegistrationState.REGISTERING);
        }
        send(buildRegister(expiresSeconds), new Exchange(++generation));
    }

    private SipRequest buildRegister(int expires) {
        SipRequest r = SipRequest.create("REGISTER", settings.registrar());
        r.addHeader("Via", via());
        r.addHeader("Max-Forwards", "70");
        r.addHeader("From", NameAddr.of(settings.aor()).withTag(fromTag).toString());
        r.addHeader("To", NameAddr.of(settings.aor()).toString());
        r.addHeader("Call-ID", callId);
        r.addHeader("CSeq", (++cseq) + " REGISTER");
        r.addHeader("Contact", NameAddr.of(settings.contact()).toString());
        r.addHeader("Expires", Integer.toString(expires));
        r.addHeader("Content-Length", "0");
        return r;
    }

    private String via() {
        // rport (RFC 3581): behind a NAT the registrar answers to where the request came from.
        return Via.of(settings.viaTransport(), settings.viaHost(), settings.viaPort(), SipTokens.newBranch())
                .withParam("rport", null).toString();
    }

    private void send(SipRequest request, Exchange exchange) {
        exchange.sent = request;
        sender.send(request, destination, exchange);
    }

    /** One REGISTER exchange, including the re-sent request after a challenge. */
    private class Exchange implements ResponseHandler {
        final int gen;
        SipRequest sent;

        Exchange(int gen) {
            this.gen = gen;
        }

        @Override
        public void onResponse(SipResponse response) {
            int code = response.statusCode();
            if (code < 200 || gen != generation) {
                return;
            }
            if ((code == 401 || code == 407) && settings.credentials() != null) {
                SipRequest retry = responder.respond(sent, response, settings.credentials());
                if (retry != null) {
                    retry.popVia();
                    retry.addHeaderFirst("Via", via());
                    cseq = retry.cseq().number();
                    send(retry, this);
                    return;
                }
            }
            lastStatusCode = code;
            lastReason = response.reasonPhrase();
            finished(response, null);
            publish();
        }

        @Override
        public void onFailure(String reason) {
            if (gen != generation) {
                return;
            }
            lastStatusCode = 408;
            lastReason = reason;
            finished(null, reason);
            publish();
        }

        void finished(SipResponse finalResponse, String failure) {
            if (finalResponse != null && finalResponse.statusCode() < 300) {
                accepted(finalResponse);
            } else if (finalResponse != null && finalResponse.statusCode() == 423 && intervalRetries < 2) {
                intervalTooBrief(finalResponse);
            } else {
                failed(finalResponse);
            }
        }
    }

    private void accepted(SipResponse ok) {
        int granted = grantedExpires(ok);
        if (granted <= 0) {
            failed(ok); // a 2xx without our binding: the registrar did not keep it
            return;
        }
        consecutiveFailures = 0;
        intervalRetries = 0;
        long now = clockMillis.getAsLong();
        expiresAtMillis = now + granted * 1000L;
        long delayMillis = refreshDelaySeconds(granted) * 1000L;
        nextAttemptAtMillis = now + delayMillis;
        setState(RegistrationState.REGISTERED);
        schedule(delayMillis);
    }

    private void intervalTooBrief(SipResponse response) {
        intervalRetries++;
        int min = parseSeconds(response.header("Min-Expires"));
        if (min > 0 && min <= RegistrationSettings.MAX_EXPIRES_SECONDS) {
            expiresSeconds = Math.max(expiresSeconds, min);
            register();
        } else {
            failed(response);
        }
    }

    private void failed(SipResponse response) {
        consecutiveFailures++;
        int code = response == null ? 408 : response.statusCode();
        boolean transientFailure = code == 408 || code >= 500 || code == 480;
        long now = clockMillis.getAsLong();
        if (expiresAtMillis != 0 && now >= expiresAtMillis) {
            expiresAtMillis = 0;
        }
        long delayMillis = backoffMillis(consecutiveFailures);
        int retryAfter = response == null ? -1 : parseSeconds(response.header("Retry-After"));
        if (retryAfter > 0) {
            delayMillis = Math.max(delayMillis, Math.min(retryAfter * 1000L, settings.maxBackoff().toMillis()));
        }
        if (expiresAtMillis != 0 && transientFailure) {
            // Still bound: retry within the remaining lifetime rather than after a long backoff.
            delayMillis = Math.min(delayMillis, Math.max(1000, (expiresAtMillis - now) / 2));
        }
        nextAttemptAtMillis = now + delayMillis;
        setState(transientFailure ? RegistrationState.BACKOFF : RegistrationState.FAILED);
        schedule(delayMillis);
    }

    /** The binding lifetime the registrar granted for our contact (RFC 3261 §10.2.4), or -1. */
    private int grantedExpires(SipResponse ok) {
        for (NameAddr c : ok.contacts()) {
            SipUri u = c.sipUri();
            if (u != null && u.equivalent(settings.contact())) {
                int e = parseSeconds(c.param("expires"));
                if (e >= 0) {
                    return e;
                }
                break;
            }
        }
        int header = parseSeconds(ok.header("Expires"));
        if (header >= 0) {
            return header;
        }
        // No Contact echoed and no Expires: some registrars answer so; assume what we asked for.
        return ok.contacts().isEmpty() ? expiresSeconds : -1;
    }

    /** Seconds after a successful registration when it is refreshed (see class comment). */
    static long refreshDelaySeconds(int grantedSeconds) {
        long early = Math.min(grantedSeconds * 4L / 5, grantedSeconds - 32L);
        return Math.max(1, Math.max(grantedSeconds / 2, early));
    }

    long backoffMillis(int failures) {
        long initial = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        int shift = Math.min(failures - 1, 30);
        long d = Math.min(max, initial << shift);
        return d / 2 + random.nextLong(d / 2 + 1);
    }

    private void schedule(long delayMillis) {
        publish();
        cancelTimer();
        timer = scheduler.schedule(delayMillis, () -> {
            timer = null;
            if (!stopped) {
                register();
            }
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void setState(RegistrationState next) {
        RegistrationState prev = state;
        state = next;
        publish();
        if (prev != next) {
            listener.onStateChange(settings.trunk(), prev, next);
        }
    }

    private static int parseSeconds(String value) {
        if (value == null) {
            return -1;
        }
        String v = value.trim();
        int end = 0;
        while (end < v.length() && end < 10 && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return -1;
        }
        long n = Long.parseLong(v.substring(0, end));
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
    }
}
