package io.sbc.policy.compile;

import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.MessageEditor;
import io.sbc.policy.eval.RuleObserver;
import io.sbc.policy.model.Direction;
import io.sbc.policy.model.HeaderRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The header rules of a policy, split by direction, applied in file order. Entry points for the
 * signaling plane: {@link #applyInbound} on a message as received, {@link #applyOutbound} as it is
 * sent. Immutable, shared; the editor belongs to the calling thread.
 */
public final class CompiledHeaderRules {
    /** Headers the B2BUA owns (see HeaderRuleBinder): wildcards never remove them. */
    private static final String[] PROTECTED = {"Via", "From", "To", "Call-ID", "CSeq", "Contact",
        "Record-Route", "Route", "Max-Forwards", "Content-Length", "Content-Type"};

    private final CompiledHeaderRule[] inbound;
    private final CompiledHeaderRule[] outbound;

    CompiledHeaderRules(List<HeaderRule> rules) {
        List<CompiledHeaderRule> in = new ArrayList<>();
        List<CompiledHeaderRule> out = new ArrayList<>();
        for (HeaderRule r : rules) {
            (r.direction() == Direction.INBOUND ? in : out).add(new CompiledHeaderRule(r));
        }
        inbound = in.toArray(new CompiledHeaderRule[0]);
        outbound = out.toArray(new CompiledHeaderRule[0]);
    }

    /** Case-insensitive, without allocating (no toLowerCase per header). */
    static boolean isProtected(String name) {
        for (String p : PROTECTED) {
            if (p.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Applies inbound rules; returns how many fired. {@code observer} may be null. */
    public int applyInbound(EvalContext ctx, MessageEditor msg, RuleObserver observer) {
        return apply(inbound, ctx, msg, observer);
    }

    /** Applies outbound rules ({@code ctx} from {@link EvalContext#toward}); returns how many fired. */
    public int applyOutbound(EvalContext ctx, MessageEditor msg, RuleObserver observer) {
        return apply(outbound, ctx, msg, observer);
    }

    public List<CompiledHeaderRule> rules(Direction d) {
        return List.of(d == Direction.INBOUND ? inbound : outbound);
    }

    private static int apply(CompiledHeaderRule[] rules, EvalContext ctx, MessageEditor msg, RuleObserver obs) {
        int fired = 0;
        for (CompiledHeaderRule r : rules) {
            if (r.firstFailure(ctx, msg) == null) {
                r.applyActions(ctx, msg, obs);
                fired++;
            }
        }
        return fired;
    }
}
