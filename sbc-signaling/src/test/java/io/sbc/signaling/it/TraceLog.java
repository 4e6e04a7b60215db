package io.sbc.signaling.it;

import java.util.ArrayList;
import java.util.List;

/** Splits a SIPp {@code -trace_msg} log into the messages received and sent. */
final class TraceLog {
    private static final String SEPARATOR = "-----------------------------------------------";

    private TraceLog() {
    }

    static List<String> received(String log) {
        return blocks(log, "message received");
    }

    static List<String> sent(String log) {
        return blocks(log, "message sent");
    }

    private static List<String> blocks(String log, String kind) {
        List<String> out = new ArrayList<>();
        for (String block : log.split(SEPARATOR)) {
            int nl = block.indexOf('\n');
            if (nl < 0) {
                continue;
            }
            String rest = block.substring(nl + 1);
            int headerEnd = rest.indexOf('\n');
            if (headerEnd < 0 || !rest.substring(0, headerEnd).contains(kind)) {
                continue;
            }
            String msg = rest.substring(headerEnd + 1).strip();
            if (!msg.isEmpty()) {
                out.add(msg);
            }
        }
        return out;
    }

    /** The value of the first header {@code name} (full name, case-insensitive) of a message, or null. */
    static String header(String message, String name) {
        for (String line : message.split("\r?\n")) {
            if (line.isEmpty()) {
                return null;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The value of parameter {@code param} in a header value, or null. */
    static String param(String value, String param) {
        if (value == null) {
            return null;
        }
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(param)) {
                String v = part.substring(eq + 1).trim();
                int gt = v.indexOf('>');
                return gt >= 0 ? v.substring(0, gt) : v;
            }
        }
        return null;
    }
}
