package io.sbc.policy.model;

import java.time.Duration;
import java.util.List;

/**
 * A side of the SBC: its own listening addresses, ACL, limits and media address.
 *
 * @param name             realm name (routes and rules refer to it)
 * @param listen           sockets opened for this realm
 * @param mediaAddress     address the relay offers in SDP toward this realm
 * @param allow            sources allowed to send here; empty = anyone
 * @param deny             sources always dropped (checked before allow)
 * @param limits           per-source limits
 * @param tls              TLS material; null when no tls:// or wss:// listener
 * @param idleTimeout      idle stream connections are closed after this
 * @param maxMessageBytes  larger messages are dropped (UDP) or the connection closed (stream)
 * @param endpointLearning NAT handling
 * @param auth             digest users and trusted sources
 * @param timers           SIP T1/T2/T4
 */
public record Realm(String name, List<ListenAddress> listen, String mediaAddress, List<Cidr> allow, List<Cidr> deny,
        RealmLimits limits, TlsSettings tls, Duration idleTimeout, int maxMessageBytes,
        EndpointLearning endpointLearning, RealmAuth auth, SipTimers timers) {
    public Realm {
        listen = List.copyOf(listen);
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }
}
