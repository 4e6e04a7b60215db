package io.sbc.media.session;

import java.util.ArrayList;
import java.util.List;

/**
 * One side of a call, keyed by its SIP tag (rtpengine's call_monologue). Its media legs hold the
 * ports this side sends to. The answerer's monologue exists from the offer on with an empty tag
 * until the answer names it.
 *
 * <p>Owner: the control thread.
 */
public final class Monologue {
    String tag;
    final long createdEpochSeconds;
    final String interfaceName;
    String label;
    String viaBranch;
    Monologue peer;
    final List<MediaLeg> media = new ArrayList<>();

    Monologue(String tag, long createdEpochSeconds, String interfaceName) {
        this.tag = tag;
        this.createdEpochSeconds = createdEpochSeconds;
        this.interfaceName = interfaceName;
    }

    public String tag() {
        return tag;
    }

    public long createdEpochSeconds() {
        return createdEpochSeconds;
    }

    public String interfaceName() {
        return interfaceName;
    }

    public String label() {
        return label;
    }

    public Monologue peer() {
        return peer;
    }

    public List<MediaLeg> media() {
        return media;
    }
}
