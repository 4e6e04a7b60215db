package io.sbc.policy.load;

import io.sbc.policy.model.Defaults;
import io.sbc.policy.model.Direction;
import io.sbc.policy.model.NumberField;
import io.sbc.policy.model.NumberFormat;
import io.sbc.policy.model.NumberRule;
import io.sbc.policy.validate.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Binds {@code number-rules:}; country codes are checked against libphonenumber's regions. */
final class NumberRuleBinder {
    private final BindContext ctx;

    NumberRuleBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    List<NumberRule> bind(Node list, String path) {
        List<NumberRule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (Node item : YamlMap.items(list, path, ctx.problems)) {
            String p = path + "[" + i + "]";
            i++;
            YamlMap m = YamlMap.of(item, p, ctx.problems);
            String name = m.string("name", "number-rule-" + i);
            if (!names.add(name)) {
                m.error("name", "number rule name '" + name + "' is used twice");
            }
            Direction direction = m.choice("direction", Direction.OUTBOUND, Direction.class);
            String from = m.string("from", null);
            ctx.checkRealmOrTrunk(from, m.get("from"), m.child("from"));
            String to = m.string("to", null);
            ctx.checkRealmOrTrunk(to, m.get("to"), m.child("to"));
            if (to != null && direction == Direction.INBOUND) {
                m.error("to", "an inbound rule runs before routing, when the destination is not known yet");
            }
            List<NumberField> fields = m.has("fields") ? m.list("fields", NumberRuleBinder::field) : Defaults.NUMBER_FIELDS;
            String match = m.parsed("match", null, Values::regex);
            String strip = m.string("strip-prefix", null);
            NumberFormat format = m.choice("format", Defaults.NUMBER_FORMAT, NumberFormat.class);
            String country = m.parsed("country", null, NumberRuleBinder::country);
            if (format != NumberFormat.KEEP && country == null && !m.has("country")) {
                m.error("format", "format " + format.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " needs a country (ISO 3166 code such as US, GB, DE) for national numbers");
            }
            String add = m.string("add-prefix", null);
            if (add != null && !add.matches("\\+|\\+?[0-9*#]{1,16}")) {
                m.error("add-prefix", "prefix must be digits (optionally starting with +)");
            }
            if (strip != null && !strip.matches("\\+?[0-9*#]{1,16}")) {
                m.error("strip-prefix", "prefix must be digits (optionally starting with +)");
            }
            if (strip == null && add == null && format == NumberFormat.KEEP) {
                ctx.problems.add(item, p, "a number rule needs format, strip-prefix or add-prefix");
            }
            m.finish();
            out.add(new NumberRule(name, direction, from, to, fields, match, strip, format, country, add));
        }
        return out;
    }

    private static NumberField field(String s, java.util.function.Consumer<String> e) {
        switch (s) {
            case "ruri": return NumberField.RURI;
            case "from": return NumberField.FROM;
            case "to": return NumberField.TO;
            case "pai": return NumberField.PAI;
            default:
                e.accept("'" + s + "' is not a number field (ruri, from, to, pai)");
                return null;
        }
    }

    private static String country(String s, java.util.function.Consumer<String> e) {
        String up = s.toUpperCase(Locale.ROOT);
        if (!com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions().contains(up)) {
            e.accept("'" + s + "' is not a country code known to libphonenumber (ISO 3166 alpha-2, e.g. US)");
            return null;
        }
        return up;
    }
}
