package io.sbc.signaling.b2bua;

import java.util.Locale;
import java.util.Set;

/**
 * Headers copied from one leg to the other (design: a conservative allow-list; everything else is
 * dropped unless a header rule adds it). None of these carries an address of the sending side:
 * Via, Route, Record-Route, Contact, Call-ID, tags and branches are the B2BUA's own per leg;
 * User-Agent, Server, Warning (carries a host), P-Asserted-Identity and P-Preferred-Identity (carry
 * the sender's host), History-Info and Diversion (carry URIs of the sending side) are dropped and
 * can be set per trunk with header rules. Session-Expires and Min-SE are per leg (RFC 4028, see
 * {@link SessionTimers}), and {@code timer} is taken out of a copied Require.
 */
public final class HeaderAllowList {
    /** Copied into requests built for the other leg. */
    static final Set<String> REQUEST = Set.of("accept", "accept-language", "allow", "allow-events", "supported",
            "require", "subject", "priority", "privacy", "content-disposition", "content-language",
            "content-encoding", "content-type", "date", "expires", "event", "subscription-state", "reason", "info-package", "recv-info");
    /** Copied into responses relayed to the other leg. */
    static final Set<String> RESPONSE = Set.of("accept", "accept-language", "allow", "allow-events", "supported",
            "require", "unsupported", "content-disposition", "content-language", "content-encoding", "content-type",
            "rseq", "retry-after", "reason", "recv-info");

    private HeaderAllowList() {
    }

    public static boolean request(String longName) {
        return REQUEST.contains(longName.toLowerCase(Locale.ROOT));
    }

    public static boolean response(String longName) {
        return RESPONSE.contains(longName.toLowerCase(Locale.ROOT));
    }
}
