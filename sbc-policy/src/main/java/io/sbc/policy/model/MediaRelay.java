package io.sbc.policy.model;

/** One media relay: the embedded one (same JVM, ng over loopback) or a remote ng endpoint. */
public record MediaRelay(boolean embedded, HostPort control) {
    public static final MediaRelay EMBEDDED = new MediaRelay(true, null);

    @Override
    public String toString() {
        return embedded ? "embedded" : "udp://" + control;
    }
}
