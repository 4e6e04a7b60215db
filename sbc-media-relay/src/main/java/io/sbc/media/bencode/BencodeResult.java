package io.sbc.media.bencode;

/**
 * Outcome of decoding: either a value, or a reason and the byte offset where decoding stopped.
 * Malformed input is data, never an exception.
 */
public record BencodeResult(BencodeValue value, String errorReason, int errorOffset) {
    public static BencodeResult ok(BencodeValue value) {
        return new BencodeResult(value, null, -1);
    }

    public static BencodeResult error(String reason, int offset) {
        return new BencodeResult(null, reason, offset);
    }

    public boolean isOk() {
        return value != null;
    }
}
