package io.sbc.signaling.cdr;

import io.sbc.signaling.admin.Json;

import java.time.Instant;
import java.util.Locale;

/**
 * CDR export formats: CSV (RFC 4180, a header row, times in ISO-8601 UTC) and JSON Lines (one
 * object per call). Columns and keys are a contract for billing scripts: add, never rename.
 */
public final class CdrFormat {
    private CdrFormat() {}

    public static final String[] COLUMNS = {"sbc_call_id", "inbound_call_id", "outbound_call_id", "source_realm",
        "source_trunk", "dest_realm", "dest_trunk", "caller", "callee", "start", "answer", "end", "duration_s",
        "final_status", "ended_by", "end_reason", "codecs", "srtp", "fwd_packets", "fwd_lost", "fwd_jitter_ms",
        "fwd_mos", "rev_packets", "rev_lost", "rev_jitter_ms", "rev_mos"};

    public static String csvHeader() {
        return String.join(",", COLUMNS);
    }

    private static Object[] values(CdrRecord r) {
        return new Object[] {r.sbcCallId(), r.inboundCallId(), r.outboundCallId(), r.sourceRealm(), r.sourceTrunk(),
            r.destRealm(), r.destTrunk(), r.caller(), r.callee(), time(r.startMillis()), time(r.answerMillis()),
            time(r.endMillis()), seconds(r.durationMillis()), r.finalStatus(),
            r.endedBy().name().toLowerCase(Locale.ROOT), r.endReason(), String.join(" ", r.codecs()), r.srtp(),
            r.forward().packets(), r.forward().lost(), decimal(r.forward().jitterMs()), decimal(r.forward().mos()),
            r.reverse().packets(), r.reverse().lost(), decimal(r.reverse().jitterMs()), decimal(r.reverse().mos())};
    }

    public static String csv(CdrRecord r) {
        Object[] v = values(r);
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String s = String.valueOf(v[i]);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.toString();
    }

    public static String json(CdrRecord r) {
        Object[] v = values(r);
        StringBuilder sb = new StringBuilder(512).append('{');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(COLUMNS[i]).append("\":");
            Object o = v[i];
            if (o instanceof Number || o instanceof Boolean) {
                sb.append(o);
            } else if (o instanceof String s && s.isEmpty() && i == 10) {
                sb.append("null"); // never answered
            } else {
                sb.append(Json.string(String.valueOf(o)));
            }
        }
        return sb.append('}').toString();
    }

    private static String time(long millis) {
        return millis <= 0 ? "" : Instant.ofEpochMilli(millis).toString();
    }

    private static Double seconds(long millis) {
        return millis / 1000.0;
    }

    private static Double decimal(double d) {
        return Math.round(d * 100.0) / 100.0;
    }
}
