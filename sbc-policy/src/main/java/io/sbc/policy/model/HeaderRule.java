package io.sbc.policy.model;

import java.util.List;
import java.util.Map;

/**
 * An ordered header manipulation rule. Conditions (all must hold): direction, from/to realm or
 * trunk, methods, request/response and status, further {@link Match} conditions. Actions run in
 * this order: remove, add, set, replace, copy, set-ruri, set-from, set-to. Values are templates
 * ({@code ${ruri.user}}, {@code ${src.ip}}, {@code ${trunk.name}}, ...).
 */
public record HeaderRule(String name, Direction direction, String from, String to, List<String> methods,
        MessageKind kind, List<StatusRange> statuses, Match match, List<String> remove, Map<String, String> add,
        Map<String, String> set, List<ValueReplace> replace, Map<String, String> copy, UriParts setRuri,
        UriParts setFrom, UriParts setTo) {
    public HeaderRule {
        methods = List.copyOf(methods);
        statuses = List.copyOf(statuses);
        remove = List.copyOf(remove);
        add = Defaults.ordered(add);
        set = Defaults.ordered(set);
        replace = List.copyOf(replace);
        copy = Defaults.ordered(copy);
    }
}
