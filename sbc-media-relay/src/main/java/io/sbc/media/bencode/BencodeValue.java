package io.sbc.media.bencode;

/**
 * A decoded bencode value (BEP 3): byte string, integer, list or dictionary.
 * Values are immutable once built; lists and dictionaries keep insertion order.
 */
public sealed interface BencodeValue
        permits BencodeString, BencodeInteger, BencodeList, BencodeDictionary {

    /** Convenience: a byte string from UTF-8 text. */
    static BencodeString of(String text) {
        return BencodeString.ofUtf8(text);
    }

    /** Convenience: an integer. */
    static BencodeInteger of(long value) {
        return new BencodeInteger(value);
    }
}
