package io.sbc.media.session;

/** ng {@code ICE} option. */
public enum IceMode {
    /** rtpengine default: if the sender used ICE, replace its candidates with the relay's own; else none. */
    DEFAULT,
    /** Strip every ICE attribute. */
    REMOVE,
    /** Always write the relay's own ICE credentials and host candidates. */
    FORCE
}
