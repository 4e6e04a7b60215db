package io.sbc.media.sdp;

/**
 * One SDP line exactly as received: its text without the line terminator, and the terminator
 * itself ({@code "\r\n"}, {@code "\n"} or {@code ""} for a final unterminated line). Text is the
 * ISO-8859-1 decoding of the bytes, so every byte maps to one char and rendering the line with
 * ISO-8859-1 gives back the original bytes exactly, whatever charset the sender used (RFC 8866
 * §5 allows UTF-8 in some fields).
 */
public record SdpLine(String text, String eol) {

    /** The line's type letter ({@code v}, {@code o}, {@code m}, {@code a}, ...), or 0 for a blank line. */
    public char type() {
        return text.length() >= 2 && text.charAt(1) == '=' ? text.charAt(0) : 0;
    }

    /** Everything after {@code x=}. */
    public String value() {
        return text.length() >= 2 ? text.substring(2) : "";
    }

    /** For {@code a=} lines: the attribute name (before the first ':'), else null. */
    public String attributeName() {
        if (type() != 'a') {
            return null;
        }
        int colon = text.indexOf(':', 2);
        return colon < 0 ? text.substring(2) : text.substring(2, colon);
    }

    /** For {@code a=name:value} lines: the value, else null (property attributes have none). */
    public String attributeValue() {
        if (type() != 'a') {
            return null;
        }
        int colon = text.indexOf(':', 2);
        return colon < 0 ? null : text.substring(colon + 1);
    }

    public boolean isAttribute(String name) {
        return name.equals(attributeName());
    }

    /** The same terminator with new text: used when a line is rewritten. */
    public SdpLine withText(String newText) {
        return new SdpLine(newText, eol);
    }

    public int length() {
        return text.length() + eol.length();
    }
}
