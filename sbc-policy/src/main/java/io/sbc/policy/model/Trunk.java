package io.sbc.policy.model;

import java.time.Duration;
import java.util.List;

/**
 * A peer reached through a realm.
 *
 * @param name            trunk name
 * @param realm           realm the trunk is reached through
 * @param gateways        addresses, by priority then weight
 * @param auth            credentials for the trunk's challenges; null = none
 * @param register        registration to the trunk; null = none
 * @param limits          CPS and concurrent calls
 * @param media           media mode, SRTP, codecs
 * @param options         OPTIONS keep-alive; null = off
 * @param sessionTimer    RFC 4028 timer; null = off
 * @param followRedirects follow 3xx from this trunk instead of relaying them
 * @param refer           REFER handling
 * @param maxCallDuration calls are ended after this long
 */
public record Trunk(String name, String realm, List<Gateway> gateways, TrunkAuth auth, Registration register,
        TrunkLimits limits, TrunkMedia media, OptionsPing options, SessionTimer sessionTimer,
        boolean followRedirects, ReferPolicy refer, Duration maxCallDuration) {
    public Trunk {
        gateways = List.copyOf(gateways);
    }
}
