package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.signaling.mediactl.NgClient;
import io.sbc.signaling.routing.GatewayHealth;

import java.util.function.Supplier;

/**
 * What every worker's B2BUA shares: the current policy (each call keeps the snapshot it started
 * with), the media relay's ng client (null when no relay is configured or reachable: anchored
 * calls are then refused with 503), gateway health from OPTIONS keep-alive, and counters.
 *
 * @param policy   the current snapshot (read once per new call)
 * @param media    ng client of the relay, or null
 * @param health   gateway up/down state
 * @param counters call counters
 * @param admission  per-trunk and global admission counters (shared by every worker)
 * @param challenges answers 401/407 from trunks (the auth package), or null: challenges are relayed as failures
 */
public record B2buaContext(Supplier<PolicySnapshot> policy, NgClient media, GatewayHealth health,
        B2buaCounters counters, io.sbc.signaling.routing.TrunkAdmission admission, TrunkChallenges challenges) {
}
