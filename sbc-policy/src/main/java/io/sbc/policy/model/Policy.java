package io.sbc.policy.model;

import java.util.List;
import java.util.Map;

/** A whole version-1 policy file, bound and validated. Immutable. */
public record Policy(int version, NodeSettings node, MediaSettings media, Map<String, Realm> realms,
        Map<String, Trunk> trunks, List<Route> routes, List<HeaderRule> headerRules, List<NumberRule> numberRules,
        GlobalLimits limits, SecuritySettings security) {
    public Policy {
        realms = Defaults.ordered(realms);
        trunks = Defaults.ordered(trunks);
        routes = List.copyOf(routes);
        headerRules = List.copyOf(headerRules);
        numberRules = List.copyOf(numberRules);
    }
}
