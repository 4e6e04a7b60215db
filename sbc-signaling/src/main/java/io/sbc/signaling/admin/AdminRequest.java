package io.sbc.signaling.admin;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One admin API request as handlers see it: method, decoded path, query parameters, body (at most
 * {@link AdminServer#MAX_BODY_BYTES}) and the client's address.
 */
public record AdminRequest(String method, String path, Map<String, List<String>> query, byte[] body,
        InetSocketAddress remote) {

    /** The path below {@code prefix} (for routes such as {@code /api/bans/{ip}}). */
    public String pathAfter(String prefix) {
        return path.length() > prefix.length() ? path.substring(prefix.length()) : "";
    }

    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
