package io.sbc.policy.compile;

import com.google.re2j.Pattern;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.MessageEditor;
import io.sbc.policy.eval.NumberNormalizer;
import io.sbc.policy.eval.RuleObserver;
import io.sbc.policy.model.Direction;
import io.sbc.policy.model.NumberField;
import io.sbc.policy.model.NumberRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Number rules, applied in file order to the Request-URI, From, To and P-Asserted-Identity users.
 * Each rule: if the user matches {@code match}, strip the prefix, convert the form, add the prefix.
 * Runs once per new call (not per packet), so libphonenumber's allocation is acceptable here.
 */
public final class CompiledNumberRules {
    static final String PAI = "P-Asserted-Identity";

    private final List<Rule> rules;

    /** {@code fast}: the same regex on {@link OnePassPattern} when it is one-pass, else null (RE2/J). */
    private record Rule(NumberRule rule, Pattern match, OnePassPattern fast) {
    }

    CompiledNumberRules(List<NumberRule> list) {
        List<Rule> out = new ArrayList<>();
        for (NumberRule r : list) {
            out.add(new Rule(r, r.match() == null ? null : Pattern.compile(r.match()),
                    r.match() == null ? null : OnePassPattern.compile(r.match())));
        }
        rules = List.copyOf(out);
    }

    public List<NumberRule> rules() {
        return rules.stream().map(Rule::rule).toList();
    }

    public int applyInbound(EvalContext ctx, MessageEditor msg, RuleObserver obs) {
        return apply(Direction.INBOUND, ctx, msg, obs);
    }

    public int applyOutbound(EvalContext ctx, MessageEditor msg, RuleObserver obs) {
        return apply(Direction.OUTBOUND, ctx, msg, obs);
    }

    private int apply(Direction d, EvalContext ctx, MessageEditor msg, RuleObserver obs) {
        int fired = 0;
        for (Rule r : rules) {
            NumberRule n = r.rule();
            if (n.direction() != d || (n.from() != null && !ctx.isFrom(n.from())) || (n.to() != null && !ctx.isTo(n.to()))) {
                continue;
            }
            boolean changed = false;
            for (NumberField f : n.fields()) {
                switch (f) {
                    case RURI -> {
                        String v = rewrite(r, msg.ruriUser());
                        if (v != null) {
                            msg.setRuriUser(v);
                            changed |= note(obs, n, "ruri user", v);
                        }
                    }
                    case FROM -> {
                        String v = rewrite(r, msg.fromUser());
                        if (v != null) {
                            msg.setFromUser(v);
                            changed |= note(obs, n, "from user", v);
                        }
                    }
                    case TO -> {
                        String v = rewrite(r, msg.toUser());
                        if (v != null) {
                            msg.setToUser(v);
                            changed |= note(obs, n, "to user", v);
                        }
                    }
                    case PAI -> {
                        for (int i = 0; i < msg.headerCount(); i++) {
                            if (msg.headerName(i).equalsIgnoreCase(PAI)) {
                                String value = msg.headerValue(i);
                                String nv = UriUser.replace(value, u -> rewrite(r, u));
                                if (nv != null) {
                                    msg.setHeaderValueAt(i, nv);
                                    changed |= note(obs, n, "P-Asserted-Identity", nv);
                                }
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            fired += changed ? 1 : 0;
        }
        return fired;
    }

    private static boolean note(RuleObserver obs, NumberRule n, String what, String v) {
        if (obs != null) {
            obs.fired(n.name(), what + " -> " + v);
        }
        return true;
    }

    /** The rewritten user, or null when the rule does not apply or changes nothing. */
    static String rewrite(Rule r, String user) {
        if (user == null || user.isEmpty()) {
            return null;
        }
        NumberRule n = r.rule();
        if (r.match() != null && !(r.fast() != null ? r.fast().matchesWhole(user) : r.match().matches(user))) {
            return null;
        }
        String v = user;
        if (n.stripPrefix() != null && v.startsWith(n.stripPrefix())) {
            v = v.substring(n.stripPrefix().length());
        }
        v = NumberNormalizer.convert(v, n.format(), n.country());
        if (n.addPrefix() != null) {
            v = n.addPrefix() + v;
        }
        return v.equals(user) ? null : v;
    }
}
