package io.sbc.signaling.gate;

import io.sbc.signaling.admin.AdminResponse;
import io.sbc.signaling.admin.AdminServer;
import io.sbc.signaling.admin.Json;

import java.time.Duration;

/**
 * The ban list on the admin API (design "Admin HTTP"):
 * <ul>
 * <li>{@code GET /api/bans}: {@code {"active":N,"bans":[{"address":..,"reason":..,"realm":..,"remaining_seconds":..}]}}
 * <li>{@code POST /api/bans/{ip}[?seconds=N]}: a manual ban (default {@link GateConfig#defaultManualBan()});
 *     201, or 400 for a bad address, 507 when the ban table's window is full of manual bans
 * <li>{@code DELETE /api/bans/{ip}}: lifts any ban of the address; 200, or 404 when none was active
 * </ul>
 * An IPv6 address bans (and lifts) its /64. Non-GET calls need the admin token when one is set
 * (AdminServer enforces it). Handlers run on the admin thread.
 */
public final class GateAdmin {
    private static final String PREFIX = "/api/bans/";
    private static final long MAX_BAN_SECONDS = 366L * 24 * 3600;

    private GateAdmin() {}

    public static void register(AdminServer server, Gate gate) {
        server.route("GET", "/api/bans", r -> list(gate));
        server.routePrefix("DELETE", PREFIX, r -> {
            String ip = r.pathAfter(PREFIX);
            return gate.unban(ip)
                    ? AdminResponse.json(200, "{\"lifted\":" + Json.string(ip) + "}")
                    : AdminResponse.error(404, "no active ban for " + ip);
        });
        server.routePrefix("POST", PREFIX, r -> {
            String ip = r.pathAfter(PREFIX);
            Duration d = null;
            String seconds = r.queryParam("seconds");
            if (seconds != null) {
                long s;
                try {
                    s = Long.parseLong(seconds);
                } catch (NumberFormatException e) {
                    s = -1;
                }
                if (s < 1 || s > MAX_BAN_SECONDS) {
                    return AdminResponse.error(400, "seconds must be 1.." + MAX_BAN_SECONDS);
                }
                d = Duration.ofSeconds(s);
            }
            if (Gate.parseKey(ip) == 0) {
                return AdminResponse.error(400, "not an IP address: " + ip);
            }
            return gate.banManually(ip, d)
                    ? AdminResponse.json(201, "{\"banned\":" + Json.string(ip) + "}")
                    : AdminResponse.error(507, "ban table full around " + ip);
        });
    }

    private static AdminResponse list(Gate gate) {
        StringBuilder sb = new StringBuilder("{\"bans\":[");
        boolean first = true;
        int n = 0;
        for (Gate.BanView b : gate.bans()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            n++;
            sb.append("{\"address\":").append(Json.string(b.address()))
                    .append(",\"reason\":").append(Json.string(b.reason()))
                    .append(",\"realm\":").append(Json.string(b.realm()))
                    .append(",\"remaining_seconds\":").append(b.remainingSeconds()).append('}');
        }
        sb.append("],\"active\":").append(n).append('}');
        return AdminResponse.json(200, sb.toString());
    }
}
