package io.sbc.media.control;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeEncoder;
import io.sbc.media.session.MediaTimeoutNotice;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The relay's media-timeout notification, an ng-style datagram the relay sends on its own (this
 * relay's extension; rtpengine reports the same event through an XMLRPC callback):
 *
 * <pre>COOKIE SP d7:call-id&lt;n&gt;:&lt;id&gt;7:command7:timeout8:from-tag&lt;n&gt;:&lt;tag&gt;6:reason13:media timeout14:silent-secondsi&lt;s&gt;e6:to-tag&lt;n&gt;:&lt;tag&gt;e</pre>
 *
 * Keys are in canonical (sorted) bencode order; {@code to-tag} is absent while no answer named the
 * answerer. The cookie is {@code timeout-<relay instance>-<sequence>}, unique per notification, so a
 * controller that answers it (any reply is ignored) cannot collide with its own request cookies.
 *
 * @param target   the controller's address (the source of the call's last offer/answer)
 * @param datagram the bytes to send
 */
public record TimeoutNotification(InetSocketAddress target, byte[] datagram) {
    public static final String COMMAND = "timeout";
    public static final String REASON = "media timeout";

    /** Builds the datagram for {@code notice} with cookie {@code cookie} (ASCII, no space). */
    public static byte[] encode(String cookie, MediaTimeoutNotice notice) {
        BencodeDictionary.Builder b = BencodeDictionary.builder()
                .put("command", COMMAND)
                .put("call-id", notice.callId())
                .put("from-tag", notice.fromTag())
                .put("reason", REASON)
                .put("silent-seconds", notice.silentSeconds());
        if (notice.toTag() != null) {
            b.put("to-tag", notice.toTag());
        }
        byte[] body = BencodeEncoder.encode(b.build());
        byte[] c = cookie.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[c.length + 1 + body.length];
        System.arraycopy(c, 0, out, 0, c.length);
        out[c.length] = ' ';
        System.arraycopy(body, 0, out, c.length + 1, body.length);
        return out;
    }
}
