package io.sbc.signaling.b2bua;

import io.sbc.policy.eval.MessageEditor;
import io.sbc.signaling.codec.HeaderName;
import io.sbc.signaling.message.HeaderField;
import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.message.TelUri;
import io.sbc.signaling.message.Uri;

import java.util.ArrayList;
import java.util.List;

/**
 * A request being built (or a received request being judged) as the policy sees it: the
 * {@link MessageEditor} adapter over SIP messages. Header and number rules edit the draft; the
 * B2BUA then renders it with {@link #toRequest()}. The same class serves live calls and
 * {@code ops/sbc explain}, so explain shows exactly what a call would send.
 *
 * <p>Header names are kept in their long form (RFC 3261 §7.3.3), as {@link MessageEditor} asks.
 * Content-Length is not a field here: it is computed when rendering. Owner: the building thread.
 */
public final class MessageDraft implements MessageEditor {
    private final String method;
    private Uri ruri;
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private byte[] body = new byte[0];

    private MessageDraft(String method, Uri ruri) {
        this.method = method;
        this.ruri = ruri;
    }

    /** An empty request draft. */
    public static MessageDraft request(String method, Uri ruri) {
        return new MessageDraft(method, ruri);
    }

    /** Every header and the body of a received request (Content-Length left out). */
    public static MessageDraft of(SipRequest r) {
        MessageDraft d = new MessageDraft(r.method(), r.requestUri());
        for (HeaderField f : r.headerFields()) {
            String name = longForm(f.name());
            if (!"Content-Length".equals(name)) {
                d.names.add(name);
                d.values.add(f.value());
            }
        }
        d.body = r.body();
        return d;
    }

    static String longForm(String name) {
        HeaderName id = HeaderName.lookup(name);
        return id == HeaderName.OTHER ? name : id.canonical();
    }

    public Uri requestUri() {
        return ruri;
    }

    public void setRequestUri(Uri uri) {
        this.ruri = uri;
    }

    public byte[] body() {
        return body;
    }

    public void setBody(byte[] body) {
        this.body = body == null ? new byte[0] : body;
    }

    /** Renders the draft: start line, headers in order, Content-Length, body. */
    public SipRequest toRequest() {
        SipRequest r = SipRequest.create(method, ruri);
        String contentType = null;
        for (int i = 0; i < names.size(); i++) {
            if ("Content-Type".equals(names.get(i))) {
                contentType = values.get(i);
                continue;
            }
            r.addHeader(names.get(i), values.get(i));
        }
        if (body.length > 0) {
            r.setBody(contentType == null ? "application/sdp" : contentType, body);
        } else {
            r.addHeader("Content-Length", "0");
        }
        return r;
    }

    // ---- MessageView

    @Override
    public boolean isRequest() {
        return true;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public int statusCode() {
        return 0;
    }

    @Override
    public String ruriUser() {
        return userOf(ruri);
    }

    @Override
    public String ruriHost() {
        return hostOf(ruri);
    }

    @Override
    public String fromUser() {
        return userOf(addressUri("From"));
    }

    @Override
    public String fromHost() {
        return hostOf(addressUri("From"));
    }

    @Override
    public String toUser() {
        return userOf(addressUri("To"));
    }

    @Override
    public String toHost() {
        return hostOf(addressUri("To"));
    }

    @Override
    public int headerCount() {
        return names.size();
    }

    @Override
    public String headerName(int index) {
        return names.get(index);
    }

    @Override
    public String headerValue(int index) {
        return values.get(index);
    }

    // ---- MessageEditor

    @Override
    public void removeHeaderAt(int index) {
        names.remove(index);
        values.remove(index);
    }

    @Override
    public void setHeaderValueAt(int index, String value) {
        values.set(index, value);
    }

    @Override
    public void addHeader(String name, String value) {
        names.add(longForm(name));
        values.add(value);
    }

    /** Replaces every {@code name} by one field at the first one's place (appended when absent). */
    public void setHeader(String name, String value) {
        String n = longForm(name);
        int first = -1;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(n)) {
                if (first >= 0) {
                    removeHeaderAt(first);
                }
                first = i;
            }
        }
        if (first < 0) {
            addHeader(n, value);
        } else {
            values.set(first, value);
        }
    }

    @Override
    public void setRuriUser(String user) {
        if (ruri instanceof SipUri s) {
            ruri = s.withUser(user);
        } else if (ruri instanceof TelUri) {
            ruri = Uri.parse("tel:" + user);
        }
    }

    @Override
    public void setRuriHost(String host) {
        if (ruri instanceof SipUri s) {
            ruri = s.withHost(host);
        }
    }

    @Override
    public void setFromUser(String user) {
        editAddress("From", user, null);
    }

    @Override
    public void setFromHost(String host) {
        editAddress("From", null, host);
    }

    @Override
    public void setToUser(String user) {
        editAddress("To", user, null);
    }

    @Override
    public void setToHost(String host) {
        editAddress("To", null, host);
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private Uri addressUri(String header) {
        int i = indexOf(header);
        if (i < 0) {
            return null;
        }
        NameAddr a = NameAddr.parse(values.get(i));
        return a == null ? null : a.uri();
    }

    private void editAddress(String header, String user, String host) {
        int i = indexOf(header);
        if (i < 0) {
            return;
        }
        NameAddr a = NameAddr.parse(values.get(i));
        if (a == null || !(a.uri() instanceof SipUri s)) {
            return;
        }
        SipUri u = user != null ? s.withUser(user) : s.withHost(host);
        values.set(i, a.withUri(u).toString());
    }

    private static String userOf(Uri u) {
        if (u instanceof SipUri s) {
            return s.user();
        }
        if (u instanceof TelUri t) {
            return t.number();
        }
        return null;
    }

    private static String hostOf(Uri u) {
        return u instanceof SipUri s ? s.host() : null;
    }
}
