package io.sbc.signaling.b2bua;

/** The two legs of a call: A faces the caller (the SBC is UAS), B faces the callee (the SBC is UAC). */
public enum Side {
    A, B;

    public Side other() {
        return this == A ? B : A;
    }
}
