package io.sbc.signaling.message;

/** One header field as it appears on the wire: name as written and value with folds unfolded. */
public record HeaderField(String name, String value) {
    @Override
    public String toString() {
        return name + ": " + value;
    }
}
