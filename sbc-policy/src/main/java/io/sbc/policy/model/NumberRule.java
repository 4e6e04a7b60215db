package io.sbc.policy.model;

import java.util.List;

/**
 * Number normalization for a direction and realm/trunk. Applied per field: if {@code match} (a regex
 * on the user) holds, strip {@code stripPrefix}, convert to {@code format} using {@code country}'s
 * numbering plan (libphonenumber), then prepend {@code addPrefix}.
 */
public record NumberRule(String name, Direction direction, String from, String to, List<NumberField> fields,
        String match, String stripPrefix, NumberFormat format, String country, String addPrefix) {
    public NumberRule {
        fields = List.copyOf(fields);
    }
}
