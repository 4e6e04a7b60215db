package io.sbc.media.control;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * ng listener settings.
 *
 * @param bind                 UDP address:port to listen on (rtpengine's usual {@code 127.0.0.1:2223}); port 0 picks one
 * @param cookieCacheEntries   retransmission cache size, default 10000
 * @param cookieCacheTtl       how long replies are replayed for a repeated cookie, default 30 s
 * @param housekeepingInterval how often delayed deletes are run, default 1 s (also the receive timeout)
 */
public record NgServerConfig(InetSocketAddress bind, int cookieCacheEntries, Duration cookieCacheTtl,
                             Duration housekeepingInterval) {
    public NgServerConfig {
        if (cookieCacheEntries <= 0 || cookieCacheTtl.isNegative() || housekeepingInterval.toMillis() <= 0) {
            throw new IllegalArgumentException("bad ng server config");
        }
    }

    public static NgServerConfig of(InetSocketAddress bind) {
        return new NgServerConfig(bind, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    /** The same settings with replies replayed for {@code ttl} (a client that gives up sooner needs less). */
    public NgServerConfig withCookieCacheTtl(Duration ttl) {
        return new NgServerConfig(bind, cookieCacheEntries, ttl, housekeepingInterval);
    }
}
