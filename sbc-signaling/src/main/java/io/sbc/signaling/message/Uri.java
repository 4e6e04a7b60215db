package io.sbc.signaling.message;

/**
 * A URI in a SIP message: {@link SipUri} (sip/sips), {@link TelUri} (tel) or {@link GenericUri}
 * (any other absoluteURI, RFC 3261 §19.1.1; RFC 4475 §3.3.2). Immutable.
 */
public interface Uri {
    /** Lower-case scheme, e.g. "sip", "sips", "tel", "http". */
    String scheme();

    /** Wire form. */
    @Override
    String toString();

    /** Parses a URI; null when malformed. */
    static Uri parse(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Uris.parse(b, 0, b.length);
    }
}
