package io.sbc.policy.model;

import java.util.List;
import java.util.Map;

/**
 * Conditions shared by routes and header rules; all given conditions must hold. Empty lists and
 * null regexes are "any". Regexes are RE2 syntax and match the whole value.
 */
public record Match(List<Cidr> sources, List<String> methods, List<String> ruriUserPrefixes, String ruriUser,
        List<NumberRange> ruriUserRanges, String fromUser, String toUser, Map<String, HeaderCondition> headers) {
    public static final Match ANY = new Match(List.of(), List.of(), List.of(), null, List.of(), null, null, Map.of());

    public Match {
        sources = List.copyOf(sources);
        methods = List.copyOf(methods);
        ruriUserPrefixes = List.copyOf(ruriUserPrefixes);
        ruriUserRanges = List.copyOf(ruriUserRanges);
        headers = Defaults.ordered(headers);
    }
}
