package io.sbc.media.control;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeInteger;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.bencode.BencodeString;
import io.sbc.media.bencode.BencodeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ng request dictionary with keys normalised the way rtpengine accepts them: spaces and
 * underscores become hyphens and case is folded, so {@code "call id"}, {@code "call-ID"} and
 * {@code "call-id"} are one key (ng-protocol.md §1). Typed accessors never throw: a value of the
 * wrong type reads as absent.
 */
final class NgArguments {
    private final Map<String, BencodeValue> args = new LinkedHashMap<>();

    NgArguments(BencodeDictionary request) {
        for (Map.Entry<String, BencodeValue> e : request.entries().entrySet()) {
            args.putIfAbsent(normalize(e.getKey()), e.getValue());
        }
    }

    /** Key/flag normalisation: lower case, ' ' and '_' → '-'. */
    static String normalize(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            sb.append(c == ' ' || c == '_' ? '-' : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    boolean has(String key) {
        return args.containsKey(key);
    }

    BencodeValue raw(String key) {
        return args.get(key);
    }

    /** A string value (byte strings as UTF-8, integers as decimal), or null. */
    String string(String key) {
        BencodeValue v = args.get(key);
        if (v instanceof BencodeString s) {
            return s.asUtf8();
        }
        if (v instanceof BencodeInteger i) {
            return Long.toString(i.value());
        }
        return null;
    }

    /** A non-empty string, or null. */
    String nonEmpty(String key) {
        String s = string(key);
        return s == null || s.isEmpty() ? null : s;
    }

    byte[] bytes(String key) {
        BencodeValue v = args.get(key);
        return v instanceof BencodeString s ? s.bytes() : null;
    }

    /** An integer value (or a decimal string), else {@code dflt}. */
    long integer(String key, long dflt) {
        BencodeValue v = args.get(key);
        if (v instanceof BencodeInteger i) {
            return i.value();
        }
        if (v instanceof BencodeString s) {
            try {
                return Long.parseLong(s.asUtf8().trim());
            } catch (NumberFormatException e) {
                return dflt;
            }
        }
        return dflt;
    }

    /** A list of strings; a single string counts as a one-element list (rtpengine accepts both). */
    List<String> list(String key) {
        return toStrings(args.get(key));
    }

    static List<String> toStrings(BencodeValue v) {
        List<String> out = new ArrayList<>();
        if (v instanceof BencodeString s) {
            out.add(s.asUtf8());
        } else if (v instanceof BencodeList l) {
            for (BencodeValue item : l.items()) {
                if (item instanceof BencodeString s) {
                    out.add(s.asUtf8());
                } else if (item instanceof BencodeInteger i) {
                    out.add(Long.toString(i.value()));
                }
            }
        }
        return out;
    }

    BencodeDictionary dictionary(String key) {
        BencodeValue v = args.get(key);
        return v instanceof BencodeDictionary d ? d : null;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
