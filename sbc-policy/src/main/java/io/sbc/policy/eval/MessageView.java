package io.sbc.policy.eval;

/**
 * Read access to one SIP message, as policy evaluation needs it. The signaling plane adapts its
 * parsed message to this interface; policy never sees bytes or a SIP parser.
 *
 * <p>Contract for adapters: header names are compared case-insensitively and
 * {@link #headerName(int)} returns the long form (RFC 3261 section 7.3.3: "i" is reported as
 * "Call-ID"). URI parts are null when absent. Methods must not allocate per call where the
 * adapter already holds the value: routes and header rules run on every new INVITE.
 */
public interface MessageView {
    boolean isRequest();

    /** Request method; for a response, the CSeq method. */
    String method();

    /** Status code of a response; 0 for a request. */
    int statusCode();

    String ruriUser();

    String ruriHost();

    String fromUser();

    String fromHost();

    String toUser();

    String toHost();

    /** Number of header fields (each occurrence counts, in message order). */
    int headerCount();

    /** Name (long form) of the header field at {@code index}, 0-based in message order. */
    String headerName(int index);

    /** Value of the header field at {@code index}. */
    String headerValue(int index);

    /** First value of header {@code name} (case-insensitive), or null. */
    default String header(String name) {
        for (int i = 0, n = headerCount(); i < n; i++) {
            if (headerName(i).equalsIgnoreCase(name)) {
                return headerValue(i);
            }
        }
        return null;
    }

    default boolean hasHeader(String name) {
        return header(name) != null;
    }
}
