package io.sbc.media.bencode;

/** Bencode integer {@code i<n>e}; bounded to a signed 64-bit value by the decoder. */
public record BencodeInteger(long value) implements BencodeValue {
}
