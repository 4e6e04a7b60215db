package io.sbc.signaling.message;

import java.util.Objects;

/**
 * One header field as it appears on the wire: name as written and value with folds unfolded.
 * Equal when both name and value are equal.
 *
 * <p>A field listed by {@link SipMessage#headerFields()} keeps only the offsets of its value in the
 * message's bytes and decodes the value String on first {@link #value()}: most callers look at
 * the names and read a few values (the B2BUA copies only allow-listed headers), and decoding
 * every value up front was about a quarter of a full parse's bytes (issue #2). The message never
 * changes bytes it has handed out (mutations append to a new region), so a field read later
 * still gives the value as it was when listed.
 *
 * <p>Immutable as far as callers can tell; the cached value is a racy single check, which is safe
 * for a String (its fields are final) and at worst decodes the same value twice.
 */
public final class HeaderField {
    private final String name;
    private final byte[] src;
    private final int from;
    private final int to;
    private String value;

    public HeaderField(String name, String value) {
        this.name = name;
        this.value = value;
        this.src = null;
        this.from = 0;
        this.to = 0;
    }

    /** A field whose value is {@code src[from, to)}, unfolded and decoded on first use. */
    HeaderField(String name, byte[] src, int from, int to) {
        this.name = name;
        this.src = src;
        this.from = from;
        this.to = to;
    }

    /** Name as written on the wire (compact forms stay compact). */
    public String name() {
        return name;
    }

    /** Value with folds removed (RFC 3261 §7.3.1). */
    public String value() {
        String v = value;
        if (v == null && src != null) {
            v = RawMessage.unfold(src, from, to);
            value = v;
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField h && Objects.equals(h.name, name) && Objects.equals(h.value(), value());
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(name) + Objects.hashCode(value());
    }

    @Override
    public String toString() {
        return name + ": " + value();
    }
}
