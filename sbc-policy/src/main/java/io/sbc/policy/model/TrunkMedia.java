package io.sbc.policy.model;

import java.util.List;

/** Media settings toward a trunk; codecs empty = pass every codec offered, otherwise keep only these, in this order. */
public record TrunkMedia(MediaMode mode, SrtpMode srtp, List<String> codecs) {
    public TrunkMedia {
        codecs = List.copyOf(codecs);
    }
}
