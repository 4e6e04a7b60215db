package io.sbc.policy.model;

/**
 * A parsed sip:/sips: URI as policy needs it: user, host, port (0 = default), transport parameter.
 * {@code text} is the URI as written.
 */
public record SipUri(String text, boolean secure, String user, String host, int port, String transport) {
    @Override
    public String toString() {
        return text;
    }
}
