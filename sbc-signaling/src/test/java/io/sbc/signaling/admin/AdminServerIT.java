package io.sbc.signaling.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin server over real HTTP on loopback: routing, health, token checks and bounds. */
class AdminServerIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private AdminServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private AdminServer start(String token) throws Exception {
        server = new AdminServer(new InetSocketAddress("127.0.0.1", 0), token);
        server.route("POST", "/api/reload", r -> AdminResponse.json(200, "{\"result\":\"ok\"}"));
        server.routePrefix("DELETE", "/api/bans/", r -> AdminResponse.json(200, "{\"unbanned\":" + Json.string(r.pathAfter("/api/bans/")) + "}"));
        server.start();
        return server;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void healthIs200WhileServingAnd503WhileDraining() throws Exception {
        start(null);
        AtomicBoolean serving = new AtomicBoolean(true);
        server.healthCheck(serving::get);
        assertEquals(200, send(HttpRequest.newBuilder(uri("/health"))).statusCode());
        serving.set(false);
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/health")));
        assertEquals(503, r.statusCode());
        assertEquals("draining\n", r.body());
    }

    @Test
    void refusesChangesWithoutTheTokenAndAcceptsThemWithIt() throws Exception {
        start("s3cret-token");
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/api/reload")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/api/reload")).header("Authorization", "Bearer nope")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, wrong.statusCode());
        assertTrue(!wrong.body().contains("s3cret"), "the token leaked into an answer");
        HttpResponse<String> ok = send(HttpRequest.newBuilder(uri("/api/reload")).header("Authorization", "Bearer s3cret-token")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, ok.statusCode());
    }

    @Test
    void withoutATokenAcceptsChangesOnlyFromLoopback() throws Exception {
        start(null);
        assertTrue(server.authorized("POST", null, new InetSocketAddress("127.0.0.1", 1)));
        assertTrue(!server.authorized("POST", null, new InetSocketAddress("192.0.2.7", 1)));
        assertTrue(server.authorized("GET", null, new InetSocketAddress("192.0.2.7", 1)));
    }

    @Test
    void answers404ForUnknownPaths405ForWrongMethodsAndRoutesPrefixes() throws Exception {
        start(null);
        assertEquals(404, send(HttpRequest.newBuilder(uri("/nope"))).statusCode());
        assertEquals(405, send(HttpRequest.newBuilder(uri("/health")).DELETE()).statusCode());
        HttpResponse<String> unban = send(HttpRequest.newBuilder(uri("/api/bans/192.0.2.9")).DELETE());
        assertEquals(200, unban.statusCode());
        assertEquals("{\"unbanned\":\"192.0.2.9\"}", unban.body());
    }

    @Test
    void refusesBodiesOverTheLimit() throws Exception {
        start(null);
        byte[] big = new byte[AdminServer.MAX_BODY_BYTES + 1];
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/reload")).POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertEquals(413, r.statusCode());
    }
}
