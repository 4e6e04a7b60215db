package io.sbc.policy.compile;

import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.MessageView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A value template of a header rule: literal text with {@code ${var}} references, parsed once at
 * load. Variables: ruri.user, ruri.host, from.user, from.host, to.user, to.host, src.ip, realm.name
 * (source realm), trunk.name (destination trunk, else source trunk, else empty), header.NAME (first
 * value of header NAME, empty when absent). A template without variables renders without allocation.
 */
public final class Template {
    public static final Set<String> VARIABLES = Set.of("ruri.user", "ruri.host", "from.user", "from.host",
            "to.user", "to.host", "src.ip", "realm.name", "trunk.name");

    private final String text;
    private final String constant;
    private final String[] literals;
    private final String[] variables;
    /** True for a template that is one variable and nothing else, such as "${src.ip}": no copy needed. */
    private final boolean bare;

    private Template(String text, List<String> literals, List<String> variables) {
        this.text = text;
        this.literals = literals.toArray(new String[0]);
        this.variables = variables.toArray(new String[0]);
        this.constant = this.variables.length == 0 ? this.literals[0] : null;
        this.bare = this.variables.length == 1 && this.literals[0].isEmpty() && this.literals[1].isEmpty();
    }

    /** Parses {@code text}; returns null after reporting a reason when a reference is malformed or unknown. */
    public static Template parse(String text, Consumer<String> error) {
        List<String> lits = new ArrayList<>();
        List<String> vars = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                lit.append(text, i, text.length());
                break;
            }
            lit.append(text, i, open);
            int close = text.indexOf('}', open);
            if (close < 0) {
                error.accept("template '" + text + "': '${' without closing '}'");
                return null;
            }
            String var = text.substring(open + 2, close);
            if (!VARIABLES.contains(var) && !(var.startsWith("header.") && var.length() > 7)) {
                error.accept("template '" + text + "': unknown variable ${" + var + "} (known: "
                        + String.join(", ", new java.util.TreeSet<>(VARIABLES)) + ", header.NAME)");
                return null;
            }
            lits.add(lit.toString());
            lit.setLength(0);
            vars.add(var);
            i = close + 1;
        }
        lits.add(lit.toString());
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            error.accept("template must not contain line breaks (header injection)");
            return null;
        }
        return new Template(text, lits, vars);
    }

    public String text() {
        return text;
    }

    public boolean isConstant() {
        return constant != null;
    }

    public String render(MessageView msg, EvalContext ctx) {
        if (constant != null) {
            return constant;
        }
        if (bare) {
            String v = value(variables[0], msg, ctx);
            return v == null ? "" : v;
        }
        StringBuilder sb = new StringBuilder(text.length() + 32);
        for (int i = 0; i < variables.length; i++) {
            sb.append(literals[i]);
            String v = value(variables[i], msg, ctx);
            if (v != null) {
                sb.append(v);
            }
        }
        sb.append(literals[variables.length]);
        return sb.toString();
    }

    private static String value(String var, MessageView msg, EvalContext ctx) {
        switch (var) {
            case "ruri.user": return msg.ruriUser();
            case "ruri.host": return msg.ruriHost();
            case "from.user": return msg.fromUser();
            case "from.host": return msg.fromHost();
            case "to.user": return msg.toUser();
            case "to.host": return msg.toHost();
            case "src.ip": return ctx.sourceIpText();
            case "realm.name": return ctx.sourceRealm();
            case "trunk.name": return ctx.destinationTrunk() != null ? ctx.destinationTrunk() : ctx.sourceTrunk();
            default: return msg.header(var.substring(7));
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
