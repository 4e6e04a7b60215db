package io.sbc.signaling.gate;

/** What the gate decided about one inbound message, before it is parsed. */
public enum Verdict {
    /** Parse and process. */
    PASS,
    /** The realm's ACL does not admit the source (deny list, or not on a non-empty allow list). */
    DROP_ACL,
    /** The source is banned (manual or automatic); dropped silently. */
    DROP_BANNED,
    /** An untrusted source over its token bucket: dropped silently and scored. */
    DROP_RATE,
    /**
     * A trusted source (trunk gateway, allow-listed peer) over its own budget: the caller parses just
     * enough to answer a request with 503 and Retry-After (RFC 3261 §21.5.4); never banned.
     */
    OVER_BUDGET_TRUSTED;

    public boolean dropped() {
        return this == DROP_ACL || this == DROP_BANNED || this == DROP_RATE;
    }
}
