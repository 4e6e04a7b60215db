package io.sbc.policy.compile;

import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.MessageEditor;
import io.sbc.policy.eval.RuleObserver;
import io.sbc.policy.model.Direction;
import io.sbc.policy.model.HeaderRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The header rules of a policy, split by direction, applied in file order. Entry points for the
 * signaling plane: {@link #applyInbound} on a message as received, {@link #applyOutbound} as it is
 * sent. Immutable, shared; the editor belongs to the calling thread.
 *
 * <p>Rules are pre-filtered by the side their direction names: inbound rules by their
 * {@code from} (the source realm and trunk), outbound rules by their {@code to} (the destination).
 * A rule is left out of a candidate list only when that condition cannot hold, and lists keep file
 * order, so the rules that fire are those of a scan of every rule; an operator's rules mostly
 * target one trunk each, so an INVITE checks a few instead of all.
 */
public final class CompiledHeaderRules {
    /** Headers the B2BUA owns (see HeaderRuleBinder): wildcards never remove them. */
    private static final String[] PROTECTED = {"Via", "From", "To", "Call-ID", "CSeq", "Contact",
        "Record-Route", "Route", "Max-Forwards", "Content-Length", "Content-Type"};

    private static final CompiledHeaderRule[] NONE = new CompiledHeaderRule[0];

    private final CompiledHeaderRule[] inbound;
    private final CompiledHeaderRule[] outbound;
    /** Rules whose from (inbound) or to (outbound) is unset: the candidates for a name no rule mentions. */
    private final CompiledHeaderRule[] inboundAnySource;
    private final CompiledHeaderRule[] outboundAnyDestination;
    /** Name of a realm or trunk -> rules that name it on that side or leave the side unset, in file order. */
    private final Map<String, CompiledHeaderRule[]> inboundBySource;
    private final Map<String, CompiledHeaderRule[]> outboundByDestination;

    CompiledHeaderRules(List<HeaderRule> rules) {
        List<CompiledHeaderRule> in = new ArrayList<>();
        List<CompiledHeaderRule> out = new ArrayList<>();
        for (HeaderRule r : rules) {
            List<CompiledHeaderRule> list = r.direction() == Direction.INBOUND ? in : out;
            list.add(new CompiledHeaderRule(r, list.size()));
        }
        inbound = in.toArray(new CompiledHeaderRule[0]);
        outbound = out.toArray(new CompiledHeaderRule[0]);
        inboundBySource = index(inbound, HeaderRule::from);
        outboundByDestination = index(outbound, HeaderRule::to);
        inboundAnySource = unset(inbound, HeaderRule::from);
        outboundAnyDestination = unset(outbound, HeaderRule::to);
    }

    private static CompiledHeaderRule[] unset(CompiledHeaderRule[] rules, Function<HeaderRule, String> side) {
        List<CompiledHeaderRule> list = new ArrayList<>();
        for (CompiledHeaderRule r : rules) {
            if (side.apply(r.rule()) == null) {
                list.add(r);
            }
        }
        return list.toArray(new CompiledHeaderRule[0]);
    }

    /** Per name that {@code side} mentions: the rules whose side is unset or that name, in file order. */
    private static Map<String, CompiledHeaderRule[]> index(CompiledHeaderRule[] rules, Function<HeaderRule, String> side) {
        Map<String, CompiledHeaderRule[]> byName = new HashMap<>();
        for (CompiledHeaderRule r : rules) {
            String name = side.apply(r.rule());
            if (name != null && !byName.containsKey(name)) {
                List<CompiledHeaderRule> list = new ArrayList<>();
                for (CompiledHeaderRule o : rules) {
                    String n = side.apply(o.rule());
                    if (n == null || n.equals(name)) {
                        list.add(o);
                    }
                }
                byName.put(name, list.toArray(new CompiledHeaderRule[0]));
            }
        }
        return byName;
    }

    /** Case-insensitive, without allocating (no toLowerCase per header). */
    static boolean isProtected(String name) {
        for (String p : PROTECTED) {
            if (CompiledHeaderRule.sameName(p, name)) {
                return true;
            }
        }
        return false;
    }

    /** Applies inbound rules; returns how many fired. {@code observer} may be null. */
    public int applyInbound(EvalContext ctx, MessageEditor msg, RuleObserver observer) {
        return apply(candidates(inboundBySource, inboundAnySource, ctx.sourceRealm()),
                candidates(inboundBySource, inboundAnySource, ctx.sourceTrunk()), ctx, msg, observer);
    }

    /** Applies outbound rules ({@code ctx} from {@link EvalContext#toward}); returns how many fired. */
    public int applyOutbound(EvalContext ctx, MessageEditor msg, RuleObserver observer) {
        return apply(candidates(outboundByDestination, outboundAnyDestination, ctx.destinationRealm()),
                candidates(outboundByDestination, outboundAnyDestination, ctx.destinationTrunk()), ctx, msg, observer);
    }

    public List<CompiledHeaderRule> rules(Direction d) {
        return List.of(d == Direction.INBOUND ? inbound : outbound);
    }

    private static CompiledHeaderRule[] candidates(Map<String, CompiledHeaderRule[]> byName, CompiledHeaderRule[] unset,
            String name) {
        CompiledHeaderRule[] c = name == null ? null : byName.get(name);
        return c != null ? c : unset;
    }

    /**
     * Applies, in file order, the rules of {@code a} and {@code b} (the candidates for the realm
     * and for the trunk), each once: a merge by position, without allocating.
     */
    private static int apply(CompiledHeaderRule[] a, CompiledHeaderRule[] b, EvalContext ctx, MessageEditor msg,
            RuleObserver obs) {
        if (a == b) {
            b = NONE;
        }
        int fired = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            CompiledHeaderRule r;
            if (j >= b.length || (i < a.length && a[i].position() <= b[j].position())) {
                r = a[i++];
                if (j < b.length && b[j] == r) {
                    j++;
                }
            } else {
                r = b[j++];
            }
            if (r.firstFailure(ctx, msg) == null) {
                r.applyActions(ctx, msg, obs);
                fired++;
            }
        }
        return fired;
    }
}
