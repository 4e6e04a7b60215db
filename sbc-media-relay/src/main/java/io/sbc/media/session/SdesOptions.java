package io.sbc.media.session;

import io.sbc.media.sdp.CryptoSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ng {@code SDES} options: {@code off} (offer no a=crypto), {@code no-SUITE}, {@code only-SUITE}.
 */
public record SdesOptions(boolean off, Set<String> excluded, Set<String> only) {
    public static final SdesOptions DEFAULT = new SdesOptions(false, Set.of(), Set.of());

    public SdesOptions {
        excluded = Set.copyOf(excluded);
        only = Set.copyOf(only);
    }

    public boolean allows(CryptoSuite s) {
        if (excluded.contains(s.name())) {
            return false;
        }
        return only.isEmpty() || only.contains(s.name());
    }

    /** Suites to offer when the relay itself starts SRTP on a side. */
    public List<CryptoSuite> offerSuites(List<CryptoSuite> defaults) {
        List<CryptoSuite> out = new ArrayList<>();
        for (CryptoSuite s : defaults) {
            if (allows(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
