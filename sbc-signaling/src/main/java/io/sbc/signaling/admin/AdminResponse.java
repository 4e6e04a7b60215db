package io.sbc.signaling.admin;

import java.nio.charset.StandardCharsets;

/** An admin API answer: status, content type and body bytes. */
public record AdminResponse(int status, String contentType, byte[] body) {

    public static AdminResponse json(int status, String json) {
        return new AdminResponse(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    public static AdminResponse text(int status, String text) {
        return new AdminResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** {"error": message} with the message JSON-escaped; never a stack trace. */
    public static AdminResponse error(int status, String message) {
        return json(status, "{\"error\":" + Json.string(message) + "}");
    }
}
