package io.sbc.signaling.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The read-only status page ({@code GET /}) and its data ({@code GET /api/status}): node, health,
 * call counts, trunks with gateway state, bans and media figures, as JSON the page polls every two
 * seconds. Each part comes from a supplier the node provides; a part whose feature is not running
 * is simply absent.
 */
public final class StatusApi {

    /** A trunk and its gateways' state for the page. */
    public record TrunkView(String name, String registration, List<GatewayView> gateways) {}

    /** One gateway of a trunk: its URI and "up"/"down". */
    public record GatewayView(String uri, String state) {}

    /** One ban for the page. */
    public record BanView(String source, String reason, long remainingSeconds) {}

    /** The figures the page shows. */
    public record Sources(String node, String version, BooleanSupplier serving, Supplier<Long> callsActive,
            Supplier<Long> callsTotal, Supplier<List<TrunkView>> trunks, Supplier<List<BanView>> bans,
            Supplier<List<String[]>> media) {}

    private StatusApi() {}

    /** Registers {@code GET /} (the page) and {@code GET /api/status}. */
    public static void register(AdminServer admin, Sources s) throws IOException {
        byte[] page;
        try (InputStream in = StatusApi.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IOException("status.html missing from the jar");
            }
            page = in.readAllBytes();
        }
        admin.route("GET", "/", r -> new AdminResponse(200, "text/html; charset=utf-8", page));
        admin.route("GET", "/api/status", r -> AdminResponse.json(200, json(s)));
    }

    static String json(Sources s) {
        StringBuilder sb = new StringBuilder(1024).append('{');
        sb.append("\"node\":").append(Json.string(s.node()));
        sb.append(",\"version\":").append(Json.string(s.version()));
        sb.append(",\"serving\":").append(s.serving().getAsBoolean());
        sb.append(",\"now\":").append(System.currentTimeMillis());
        sb.append(",\"callsActive\":").append(s.callsActive().get());
        sb.append(",\"callsTotal\":").append(s.callsTotal().get());
        sb.append(",\"trunks\":[");
        boolean first = true;
        for (TrunkView t : s.trunks().get()) {
            sb.append(first ? "" : ",").append("{\"name\":").append(Json.string(t.name()))
                    .append(",\"registration\":").append(Json.string(t.registration())).append(",\"gateways\":[");
            boolean g1 = true;
            for (GatewayView g : t.gateways()) {
                sb.append(g1 ? "" : ",").append("{\"uri\":").append(Json.string(g.uri())).append(",\"state\":")
                        .append(Json.string(g.state())).append('}');
                g1 = false;
            }
            sb.append("]}");
            first = false;
        }
        sb.append("],\"bans\":[");
        first = true;
        for (BanView b : s.bans().get()) {
            sb.append(first ? "" : ",").append("{\"source\":").append(Json.string(b.source())).append(",\"reason\":")
                    .append(Json.string(b.reason())).append(",\"expires\":")
                    .append(Json.string(b.remainingSeconds() < 0 ? "never" : "in " + b.remainingSeconds() + " s"))
                    .append('}');
            first = false;
        }
        sb.append("],\"media\":{");
        first = true;
        for (String[] kv : s.media().get()) {
            sb.append(first ? "" : ",").append(Json.string(kv[0])).append(':').append(Json.string(kv[1]));
            first = false;
        }
        return sb.append("}}").toString();
    }
}
