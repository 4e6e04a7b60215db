package io.sbc.signaling.message;

import java.util.Locale;

/** absoluteURI of a scheme the SBC does not interpret (RFC 3261 §19.1.1), kept verbatim. */
public final class GenericUri implements Uri {
    private final String scheme;
    private final String text;

    GenericUri(String text) {
        this.text = text;
        this.scheme = text.substring(0, text.indexOf(':')).toLowerCase(Locale.ROOT);
    }

    @Override
    public String scheme() {
        return scheme;
    }

    /** Everything after the colon. */
    public String schemeSpecificPart() {
        return text.substring(text.indexOf(':') + 1);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenericUri g && g.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
