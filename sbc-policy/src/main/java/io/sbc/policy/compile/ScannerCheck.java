package io.sbc.policy.compile;

import java.util.List;

/** Recognizes SIP scanners by User-Agent substring, case-insensitive, without allocating. */
public final class ScannerCheck {
    private final String[] needles;

    public ScannerCheck(List<String> userAgents) {
        needles = userAgents.toArray(new String[0]);
    }

    public boolean isScanner(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        for (String n : needles) {
            int last = userAgent.length() - n.length();
            for (int i = 0; i <= last; i++) {
                if (userAgent.regionMatches(true, i, n, 0, n.length())) {
                    return true;
                }
            }
        }
        return false;
    }
}
