package io.sbc.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A parsed SDP (RFC 8866) in neutral form: the session-level lines, the parsed origin and
 * session-level connection, and the media sections. Immutable; {@link #render()} gives back the
 * original bytes exactly.
 */
public final class SessionDescription {
    private final List<SdpLine> sessionLines;
    private final Origin origin;
    private final Connection connection;
    private final List<MediaDescription> media;

    SessionDescription(List<SdpLine> sessionLines, Origin origin, Connection connection, List<MediaDescription> media) {
        this.sessionLines = List.copyOf(sessionLines);
        this.origin = origin;
        this.connection = connection;
        this.media = List.copyOf(media);
    }

    /** Lines before the first m= line. */
    public List<SdpLine> sessionLines() {
        return sessionLines;
    }

    public Origin origin() {
        return origin;
    }

    /** Session-level c=, or null. */
    public Connection connection() {
        return connection;
    }

    public List<MediaDescription> media() {
        return media;
    }

    /** The connection that applies to a media section (RFC 8866 §5.7: media-level overrides session-level). */
    public Connection effectiveConnection(MediaDescription m) {
        return m.connection() != null ? m.connection() : connection;
    }

    /** The terminator most lines use; new lines get it. */
    public String dominantEol() {
        int lf = 0;
        int crlf = 0;
        for (SdpLine l : sessionLines) {
            if (l.eol().equals("\r\n")) {
                crlf++;
            } else if (l.eol().equals("\n")) {
                lf++;
            }
        }
        return lf > crlf ? "\n" : "\r\n";
    }

    public boolean hasSessionAttribute(String name) {
        for (SdpLine l : sessionLines) {
            if (l.isAttribute(name)) {
                return true;
            }
        }
        return false;
    }

    /** Renders the original text (parse then render is the identity). */
    public String render() {
        StringBuilder sb = new StringBuilder(1024);
        for (SdpLine l : sessionLines) {
            sb.append(l.text()).append(l.eol());
        }
        for (MediaDescription m : media) {
            sb.append(m.mediaLine().text()).append(m.mediaLine().eol());
            for (SdpLine l : m.lines()) {
                sb.append(l.text()).append(l.eol());
            }
        }
        return sb.toString();
    }

    public byte[] toBytes() {
        return render().getBytes(StandardCharsets.ISO_8859_1);
    }
}
