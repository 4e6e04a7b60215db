package io.sbc.media.bencode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bencode byte string {@code <len>:<bytes>}. The bytes are kept exactly (an SDP body travels in
 * one of these and must stay byte-identical); text views are decoded on demand.
 */
public final class BencodeString implements BencodeValue {
    private final byte[] bytes;

    private BencodeString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}. */
    public static BencodeString of(byte[] bytes) {
        return new BencodeString(bytes.clone());
    }

    static BencodeString wrap(byte[] bytes) {
        return new BencodeString(bytes);
    }

    public static BencodeString ofUtf8(String text) {
        return new BencodeString(text.getBytes(StandardCharsets.UTF_8));
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] rawBytes() {
        return bytes;
    }

    /** Lenient UTF-8 view (malformed sequences become U+FFFD). */
    public String asUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Strict UTF-8 view, or null when the bytes are not valid UTF-8. */
    public String asStrictUtf8OrNull() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BencodeString s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "BencodeString[" + asUtf8() + "]";
    }
}
