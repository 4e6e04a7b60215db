package io.sbc.media.bencode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bencode dictionary {@code d<key><value>...e}. Keys are byte strings on the wire; the ng protocol
 * only uses ASCII keys, so keys are held as strict UTF-8 strings (the decoder rejects keys that are
 * not valid UTF-8). Insertion order is kept; the encoder writes keys sorted by their UTF-8 bytes
 * as BEP 3 requires (rtpengine accepts any order, so does our decoder).
 */
public final class BencodeDictionary implements BencodeValue {
    private final Map<String, BencodeValue> entries;

    public BencodeDictionary(Map<String, BencodeValue> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Map<String, BencodeValue> entries() {
        return entries;
    }

    public BencodeValue get(String key) {
        return entries.get(key);
    }

    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BencodeDictionary d && entries.equals(d.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "BencodeDictionary" + entries;
    }

    /** Mutable builder, insertion-ordered. */
    public static final class Builder {
        private final LinkedHashMap<String, BencodeValue> map = new LinkedHashMap<>();

        public Builder put(String key, BencodeValue value) {
            map.put(key, value);
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, BencodeString.ofUtf8(value));
        }

        public Builder put(String key, long value) {
            return put(key, new BencodeInteger(value));
        }

        public Builder put(String key, byte[] value) {
            return put(key, BencodeString.of(value));
        }

        public BencodeDictionary build() {
            return new BencodeDictionary(map);
        }
    }
}
