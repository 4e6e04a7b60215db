package io.sbc.media.srtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Loads src/test/resources/io/sbc/media/srtp/srtp_vectors.json (copied from shared/corpora/srtp). */
final class SrtpVectors {
    private SrtpVectors() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load() {
        try (InputStream in = SrtpVectors.class.getResourceAsStream("srtp_vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("srtp_vectors.json missing from test resources");
            }
            return (Map<String, Object>) MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(String name) {
        return (Map<String, Object>) load().get(name);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> libsrtpCases() {
        return (List<Map<String, Object>>) section("libsrtp_packet_vectors").get("cases");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    static String str(Map<String, Object> m, String key) {
        return (String) m.get(key);
    }
}
