package io.sbc.media.bencode;

/**
 * Bounds applied while decoding untrusted input.
 *
 * @param maxInputBytes  longest accepted input; a UDP ng datagram is at most 65507 bytes, default 65535
 * @param maxDepth       deepest nesting of lists/dictionaries; ng requests nest at most 3 deep
 *                       (dict → codec dict → list), default 16
 * @param maxItems       total number of values (strings, integers, containers) in one input, default 4096
 * @param maxStringBytes longest single byte string (an SDP body), default 65535
 */
public record BencodeLimits(int maxInputBytes, int maxDepth, int maxItems, int maxStringBytes) {
    public static final BencodeLimits DEFAULT = new BencodeLimits(65535, 16, 4096, 65535);

    public BencodeLimits {
        if (maxInputBytes <= 0 || maxDepth <= 0 || maxItems <= 0 || maxStringBytes <= 0) {
            throw new IllegalArgumentException("bencode limits must be positive");
        }
    }
}
