package io.sbc.signaling.b2bua;

import io.sbc.policy.model.SessionTimer;
import io.sbc.signaling.dialog.Dialog;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.transaction.TimerHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * RFC 4028 session timers, per leg (a B2BUA's two dialogs each have their own session interval):
 * <ul>
 *   <li>Toward a trunk with {@code session-timer:} the INVITE offers {@code Session-Expires},
 *       {@code Min-SE} and {@code Supported: timer}. If the 2xx makes the far end the refresher
 *       ({@code refresher=uas}) the SBC watches for its refreshes; otherwise the SBC refreshes the leg
 *       itself with an UPDATE without body every half interval (RFC 4028 §10).</li>
 *   <li>Toward a caller whose INVITE asked for a session timer, the 2xx carries its interval with
 *       {@code refresher=uac} (and {@code Require: timer} when it supports it): the caller refreshes
 *       and the SBC watches. A refresh UPDATE without body is answered on that leg alone.</li>
 *   <li>No refresh for {@code interval - min(32 s, interval/3)} (RFC 4028 §10), or a failed refresh:
 *       BYE on both legs.</li>
 * </ul>
 * Session-Expires and Min-SE never cross between the legs, and {@code timer} is removed from a
 * relayed Require.
 *
 * <p>Owner: the call's event loop.
 */
final class SessionTimers {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTimers.class);

    /** One leg's session timer. */
    static final class Leg {
        final Side side;
        final boolean sbcRefreshes;
        final long intervalSeconds;
        TimerHandle timer;

        Leg(Side side, boolean sbcRefreshes, long intervalSeconds) {
            this.side = side;
            this.sbcRefreshes = sbcRefreshes;
            this.intervalSeconds = intervalSeconds;
        }
    }

    /** Marks the UPDATE the SBC sends to refresh a leg (client transaction application data). */
    record Refresh(Call call, Side side) {
    }

    private final B2bua b2bua;

    SessionTimers(B2bua b2bua) {
        this.b2bua = b2bua;
    }

    /** RFC 4028 §4: the smallest Min-SE allowed, and ours toward a caller whose trunk sets none. */
    static final long DEFAULT_MIN_SE_SECONDS = 90;
    /** The largest Min-SE from a 422 the SBC retries with (a day); above it the 422 is relayed. */
    static final long MAX_RETRY_MIN_SE_SECONDS = 86_400;
    /** Retries after 422 per gateway attempt (RFC 4028 §7.4 allows repeating; a bound stops a ping-pong). */
    static final int MAX_422_RETRIES = 2;

    /** The Min-SE the SBC enforces toward a caller: its trunk's {@code session-timer.min-se}, else 90 s. */
    static long localMinSe(io.sbc.policy.model.Trunk source) {
        SessionTimer st = source == null ? null : source.sessionTimer();
        return st == null ? DEFAULT_MIN_SE_SECONDS : Math.max(DEFAULT_MIN_SE_SECONDS, st.minSe().toSeconds());
    }

    /** The delta-seconds of a Min-SE header (RFC 4028 §5), or 0 when absent or malformed. */
    static long minSeOf(SipResponse r) {
        String v = r.header("Min-SE");
        if (v == null) {
            return 0;
        }
        int semi = v.indexOf(';');
        try {
            long n = Long.parseLong((semi < 0 ? v : v.substring(0, semi)).trim());
            return n > 0 ? n : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Adds the trunk's session timer offer to an INVITE toward it. */
    static void offer(SipRequest invite, SessionTimer st) {
        offer(invite, st, 0);
    }

    /**
     * Adds the session timer offer to an INVITE toward a trunk: the trunk's, raised to {@code minSe}
     * when the trunk answered an earlier try with 422 (RFC 4028 §7.4: Session-Expires and Min-SE both
     * at least the 422's Min-SE). Nothing when neither applies.
     */
    static void offer(SipRequest invite, SessionTimer st, long minSe) {
        if (st == null && minSe <= 0) {
            return;
        }
        long expires = Math.max(st == null ? 0 : st.expires().toSeconds(), minSe);
        long min = Math.max(st == null ? 0 : st.minSe().toSeconds(), minSe);
        invite.setHeader("Session-Expires", Long.toString(expires));
        invite.setHeader("Min-SE", Long.toString(min));
        String supported = invite.header("Supported");
        if (supported == null) {
            invite.setHeader("Supported", "timer");
        } else if (!hasToken(supported, "timer")) {
            invite.setHeader("Supported", supported + ", timer");
        }
    }

    /** The 2xx from B to the initial INVITE: who refreshes that leg, and start it. */
    void answeredByB(Call c, SipResponse ok) {
        SessionTimer st = c.attempt.trunk().sessionTimer();
        long[] se = parse(ok.header("Session-Expires"));
        if (se == null && st == null && c.bMinSe == 0) {
            return;
        }
        boolean farEndRefreshes = se != null && se[1] == 1;
        long interval = se != null ? se[0] : Math.max(st == null ? 0 : st.expires().toSeconds(), c.bMinSe);
        start(c, new Leg(Side.B, !farEndRefreshes, interval));
    }

    /** Adds the caller's session timer to the 2xx toward A (if it asked), and starts watching A. */
    void answeringA(Call c, SipResponse ok) {
        long[] se = parse(c.aInvite.header("Session-Expires"));
        if (se == null) {
            return;
        }
        ok.setHeader("Session-Expires", se[0] + ";refresher=uac");
        if (hasToken(String.join(",", c.aInvite.headerValues("Supported")), "timer")) {
            ok.addHeader("Require", "timer");
        }
        start(c, new Leg(Side.A, false, se[0]));
    }

    private void start(Call c, Leg leg) {
        Leg old = c.sessionTimers[leg.side.ordinal()];
        if (old != null && old.timer != null) {
            old.timer.cancel();
        }
        c.sessionTimers[leg.side.ordinal()] = leg;
        schedule(c, leg);
    }

    private void schedule(Call c, Leg leg) {
        long ms = leg.sbcRefreshes ? leg.intervalSeconds * 500
                : (leg.intervalSeconds - Math.min(32, leg.intervalSeconds / 3)) * 1000;
        leg.timer = b2bua.timers.schedule(Math.max(1000, ms), () -> fire(c, leg));
    }

    private void fire(Call c, Leg leg) {
        if (c.state == CallState.ENDED || c.sessionTimers[leg.side.ordinal()] != leg) {
            return;
        }
        if (!leg.sbcRefreshes) {
            LOG.info("no session refresh on leg {} within {} s: ending the call (RFC 4028 §10)", leg.side,
                    leg.intervalSeconds);
            c.endedBy(io.sbc.signaling.cdr.CdrRecord.EndedBy.TIMEOUT, "no session refresh");
            b2bua.legs.hangup(c);
            return;
        }
        Fork f = c.answered;
        SipEndpoint ep = c.endpoint(leg.side);
        Dialog d = f.dialog(leg.side);
        SipRequest update = d.createRequest("UPDATE", ep.newVia());
        update.addHeader("Session-Expires", leg.intervalSeconds + ";refresher=uac");
        update.addHeader("Supported", "timer");
        update.addHeader("Content-Length", "0");
        ep.layer().sendRequest(update, b2bua.legs.destination(c, leg.side, d))
                .ifPresent(tx -> tx.applicationData(new Refresh(c, leg.side)));
        schedule(c, leg);
    }

    /** A response to the SBC's refresh: a failure ends the call (RFC 4028 §10: 408/481 mean the session is gone). */
    void refreshAnswered(Refresh r, int code) {
        if (code >= 300 && r.call().state != CallState.ENDED) {
            LOG.info("session refresh on leg {} failed with {}: ending the call", r.side(), code);
            r.call().endedBy(io.sbc.signaling.cdr.CdrRecord.EndedBy.TIMEOUT, "session refresh failed " + code);
            b2bua.legs.hangup(r.call());
        }
    }

    /** A refresh (re-INVITE or UPDATE) from {@code side} succeeded: the watch starts over. */
    void refreshed(Call c, Side side) {
        Leg leg = c.sessionTimers[side.ordinal()];
        if (leg != null && !leg.sbcRefreshes) {
            if (leg.timer != null) {
                leg.timer.cancel();
            }
            schedule(c, leg);
        }
    }

    /** An UPDATE without body on a leg with a session timer is a pure refresh: answered on that leg only. */
    boolean isLocalRefresh(Call c, Side side, SipRequest r) {
        return c.sessionTimers[side.ordinal()] != null && r.bodySize() == 0;
    }

    void cancel(Call c) {
        for (int i = 0; i < c.sessionTimers.length; i++) {
            if (c.sessionTimers[i] != null && c.sessionTimers[i].timer != null) {
                c.sessionTimers[i].timer.cancel();
            }
            c.sessionTimers[i] = null;
        }
    }

    /** Session-Expires as {delta-seconds, refresher (0 none or uac, 1 uas)}; null when absent or malformed. */
    static long[] parse(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(";");
        try {
            long delta = Long.parseLong(parts[0].trim());
            long refresher = 0;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(Locale.ROOT);
                if (p.equals("refresher=uas")) {
                    refresher = 1;
                }
            }
            return delta > 0 ? new long[] {delta, refresher} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean hasToken(String list, String token) {
        for (String t : list.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** A Require value for the other leg: without {@code timer}, which is per leg; null when nothing is left. */
    static String requireForOtherLeg(String value) {
        StringBuilder sb = new StringBuilder();
        for (String t : value.split(",")) {
            String tok = t.trim();
            if (!tok.isEmpty() && !tok.equalsIgnoreCase("timer")) {
                sb.append(sb.length() == 0 ? "" : ", ").append(tok);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
