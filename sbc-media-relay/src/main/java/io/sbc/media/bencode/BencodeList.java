package io.sbc.media.bencode;

import java.util.List;

/** Bencode list {@code l...e}. */
public record BencodeList(List<BencodeValue> items) implements BencodeValue {
    public BencodeList {
        items = List.copyOf(items);
    }

    public static BencodeList ofStrings(String... texts) {
        BencodeValue[] v = new BencodeValue[texts.length];
        for (int i = 0; i < texts.length; i++) {
            v[i] = BencodeString.ofUtf8(texts[i]);
        }
        return new BencodeList(List.of(v));
    }
}
