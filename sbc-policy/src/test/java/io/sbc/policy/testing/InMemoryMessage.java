package io.sbc.policy.testing;

import io.sbc.policy.eval.MessageEditor;
import java.util.ArrayList;
import java.util.List;

/**
 * This module's test double for the outside SIP message: the {@link MessageEditor} contract over
 * plain fields and a header list. Built from simple SIP text (start line + "Name: value" lines).
 */
public final class InMemoryMessage implements MessageEditor {
    private boolean request;
    private String method;
    private int status;
    private String ruriUser;
    private String ruriHost;
    private String fromUser;
    private String fromHost;
    private String toUser;
    private String toHost;
    private final List<String[]> headers = new ArrayList<>();

    public static InMemoryMessage parse(String text) {
        InMemoryMessage m = new InMemoryMessage();
        String[] lines = text.replace("\r\n", "\n").split("\n");
        String start = lines[0];
        String[] parts = start.split(" ", 3);
        if (start.startsWith("SIP/2.0")) {
            m.request = false;
            m.status = Integer.parseInt(parts[1]);
        } else {
            m.request = true;
            m.method = parts[0];
            String[] uh = userHost(parts[1]);
            m.ruriUser = uh[0];
            m.ruriHost = uh[1];
        }
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            m.headers.add(new String[] {name, value});
            if (name.equalsIgnoreCase("From")) {
                String[] uh = userHost(value);
                m.fromUser = uh[0];
                m.fromHost = uh[1];
            } else if (name.equalsIgnoreCase("To")) {
                String[] uh = userHost(value);
                m.toUser = uh[0];
                m.toHost = uh[1];
            } else if (name.equalsIgnoreCase("CSeq") && !m.request) {
                m.method = value.substring(value.indexOf(' ') + 1).trim();
            }
        }
        return m;
    }

    static String[] userHost(String s) {
        int start = s.indexOf("sip:");
        int lt = s.indexOf('<');
        String uri = s.substring(start + 4);
        if (lt >= 0) {
            uri = uri.substring(0, uri.indexOf('>'));
        }
        int semi = uri.indexOf(';');
        if (semi >= 0) {
            uri = uri.substring(0, semi);
        }
        int at = uri.indexOf('@');
        String user = at >= 0 ? uri.substring(0, at) : null;
        String host = at >= 0 ? uri.substring(at + 1) : uri;
        return new String[] {user, host};
    }

    /** The message as text, with the current Request-URI (for explain output and assertions). */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(request ? method + " sip:" + (ruriUser != null ? ruriUser + "@" : "") + ruriHost + " SIP/2.0" : "SIP/2.0 " + status);
        sb.append("\r\n");
        for (String[] h : headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    public List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                out.add(h[1]);
            }
        }
        return out;
    }

    public List<String> names() {
        return headers.stream().map(h -> h[0]).toList();
    }

    @Override public boolean isRequest() { return request; }
    @Override public String method() { return method; }
    @Override public int statusCode() { return status; }
    @Override public String ruriUser() { return ruriUser; }
    @Override public String ruriHost() { return ruriHost; }
    @Override public String fromUser() { return fromUser; }
    @Override public String fromHost() { return fromHost; }
    @Override public String toUser() { return toUser; }
    @Override public String toHost() { return toHost; }
    @Override public int headerCount() { return headers.size(); }
    @Override public String headerName(int index) { return headers.get(index)[0]; }
    @Override public String headerValue(int index) { return headers.get(index)[1]; }
    @Override public void removeHeaderAt(int index) { headers.remove(index); }
    @Override public void setHeaderValueAt(int index, String value) { headers.get(index)[1] = value; }
    @Override public void addHeader(String name, String value) { headers.add(new String[] {name, value}); }
    @Override public void setRuriUser(String user) { ruriUser = user; }
    @Override public void setRuriHost(String host) { ruriHost = host; }
    @Override public void setFromUser(String user) { fromUser = user; }
    @Override public void setFromHost(String host) { fromHost = host; }
    @Override public void setToUser(String user) { toUser = user; }
    @Override public void setToHost(String host) { toHost = host; }
}
