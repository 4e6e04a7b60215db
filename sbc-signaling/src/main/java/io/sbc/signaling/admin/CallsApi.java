package io.sbc.signaling.admin;

import io.sbc.signaling.b2bua.ActiveCall;

import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/calls[?limit=N]}: the calls in progress, oldest first, as JSON. Field names are
 * those of the call detail record's JSON export ({@code ops/sbc cdr --format json}), so a live call
 * and its later record can be matched by {@code sbc_call_id}.
 *
 * <p>Bounded: {@value #DEFAULT_LIMIT} calls unless {@code limit} says otherwise, never more than
 * {@value #MAX_LIMIT}; {@code active} gives the full count and {@code truncated} says when calls
 * were left out. The list comes from {@code snapshot}, which must copy the calls on their owner
 * threads ({@link io.sbc.signaling.core.SignalingNode#callSnapshot(int)} does); this class never
 * sees a live call object.
 */
public final class CallsApi {
    /** Calls listed when the request gives no {@code limit}. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most calls one answer lists; a larger {@code limit} is capped to this. */
    public static final int MAX_LIMIT = 1000;
    public static final String PATH = "/api/calls";

    private CallsApi() {}

    /**
     * Registers {@code GET /api/calls}.
     *
     * @param snapshot copies of at most N calls in progress, oldest first
     * @param active   how many calls are in progress in all
     */
    public static void register(AdminServer admin, IntFunction<List<ActiveCall>> snapshot, LongSupplier active) {
        admin.route("GET", PATH, r -> answer(r.queryParam("limit"), snapshot, active));
    }

    static AdminResponse answer(String limitParam, IntFunction<List<ActiveCall>> snapshot, LongSupplier active) {
        int limit = DEFAULT_LIMIT;
        if (limitParam != null) {
            limit = parseLimit(limitParam);
            if (limit < 1) {
                return AdminResponse.error(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        long total = active.getAsLong();
        // One more than asked tells whether calls were left out even while the count moves.
        List<ActiveCall> calls = snapshot.apply(limit + 1);
        boolean truncated = calls.size() > limit || total > limit;
        return AdminResponse.json(200, json(calls.size() > limit ? calls.subList(0, limit) : calls,
                Math.max(total, calls.size()), limit, truncated));
    }

    /** The limit in 1..{@link #MAX_LIMIT} (larger values capped), or -1 when {@code s} is not a positive number. */
    static int parseLimit(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = Math.min(n * 10 + (c - '0'), MAX_LIMIT + 1L);
        }
        return n == 0 ? -1 : (int) Math.min(n, MAX_LIMIT);
    }

    static String json(List<ActiveCall> calls, long active, int limit, boolean truncated) {
        StringBuilder sb = new StringBuilder(128 + calls.size() * 400);
        sb.append("{\"active\":").append(active).append(",\"limit\":").append(limit)
                .append(",\"truncated\":").append(truncated).append(",\"calls\":[");
        for (int i = 0; i < calls.size(); i++) {
            ActiveCall c = calls.get(i);
            sb.append(i == 0 ? "{" : ",{")
                    .append("\"sbc_call_id\":").append(Json.string(c.sbcCallId()))
                    .append(",\"inbound_call_id\":").append(Json.string(c.inboundCallId()))
                    .append(",\"outbound_call_id\":").append(Json.string(c.outboundCallId()))
                    .append(",\"source_realm\":").append(Json.string(c.sourceRealm()))
                    .append(",\"source_trunk\":").append(Json.string(c.sourceTrunk()))
                    .append(",\"dest_realm\":").append(Json.string(c.destRealm()))
                    .append(",\"dest_trunk\":").append(Json.string(c.destTrunk()))
                    .append(",\"caller\":").append(Json.string(c.caller()))
                    .append(",\"callee\":").append(Json.string(c.callee()))
                    .append(",\"state\":").append(Json.string(c.state()))
                    .append(",\"start\":").append(Json.string(time(c.startMillis())))
                    .append(",\"answer\":").append(c.answerMillis() > 0 ? Json.string(time(c.answerMillis())) : "null")
                    .append(",\"media\":").append(Json.string(c.mediaMode()))
                    .append('}');
        }
        return sb.append("]}").toString();
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
