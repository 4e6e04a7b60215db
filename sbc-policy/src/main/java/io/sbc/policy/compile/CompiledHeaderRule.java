package io.sbc.policy.compile;

import com.google.re2j.Pattern;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.MessageEditor;
import io.sbc.policy.eval.RuleObserver;
import io.sbc.policy.model.HeaderRule;
import io.sbc.policy.model.MessageKind;
import io.sbc.policy.model.StatusRange;
import io.sbc.policy.model.UriParts;
import io.sbc.policy.model.ValueReplace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One header rule, compiled: conditions as arrays and patterns, values as {@link Template}s. A rule
 * only ever touches the headers it names (and the URI parts of set-ruri/set-from/set-to).
 */
public final class CompiledHeaderRule {
    private final HeaderRule rule;
    /** Position among the rules of its direction, in file order. */
    private final int position;
    private final String[] methods;
    private final StatusRange[] statuses;
    private final CompiledMatch match;
    private final String[] removeExact;
    private final String[] removePrefix;
    /**
     * removeFirst[c]: some remove name or wildcard starts with ASCII c (either case). Null when a
     * name starts outside ASCII or a wildcard is empty: then every header goes to the full check.
     */
    private final boolean[] removeFirst;
    private final String[] addNames;
    private final Template[] addValues;
    private final String[] setNames;
    private final Template[] setValues;
    private final String[] replaceHeaders;
    private final Pattern[] replacePatterns;
    private final String[] replaceWith;
    private final String[] replaceLiterals;
    /** Per replace: the regex and template for {@link OnePassPattern}, or null (RE2/J runs it). */
    private final OnePassPattern[] replaceFast;
    private final OnePassPattern.Replacement[] replaceFastWith;
    private final String[] copyFrom;
    private final String[] copyTo;
    private final Template[] uri;
    /** Failure descriptions, built once: the hot path must not concatenate strings per message. */
    private final String fromFailure;
    private final String toFailure;
    private final String methodFailure;

    CompiledHeaderRule(HeaderRule r, int position) {
        rule = r;
        this.position = position;
        methods = r.methods().toArray(new String[0]);
        statuses = r.statuses().toArray(new StatusRange[0]);
        match = new CompiledMatch(r.match());
        fromFailure = "from " + r.from();
        toFailure = "to " + r.to();
        methodFailure = "method not in " + r.methods();
        List<String> exact = new ArrayList<>();
        List<String> prefix = new ArrayList<>();
        for (String s : r.remove()) {
            if (s.endsWith("*")) {
                prefix.add(s.substring(0, s.length() - 1));
            } else {
                exact.add(s);
            }
        }
        removeExact = exact.toArray(new String[0]);
        removePrefix = prefix.toArray(new String[0]);
        removeFirst = firstCharacters(r.remove());
        addNames = r.add().keySet().toArray(new String[0]);
        addValues = templates(r.add());
        setNames = r.set().keySet().toArray(new String[0]);
        setValues = templates(r.set());
        int n = r.replace().size();
        replaceHeaders = new String[n];
        replacePatterns = new Pattern[n];
        replaceWith = new String[n];
        replaceLiterals = new String[n];
        replaceFast = new OnePassPattern[n];
        replaceFastWith = new OnePassPattern.Replacement[n];
        for (int i = 0; i < n; i++) {
            ValueReplace v = r.replace().get(i);
            replaceHeaders[i] = v.header();
            replacePatterns[i] = Pattern.compile(v.regex());
            replaceWith[i] = v.with();
            replaceLiterals[i] = LiteralPrefix.of(v.regex());
            OnePassPattern fast = OnePassPattern.compile(v.regex());
            // Empty matches follow RE2/J's "advance one character" rule: left to RE2/J.
            if (fast != null && !fast.nullable()) {
                replaceFastWith[i] = OnePassPattern.Replacement.parse(v.with(), fast.groupCount());
                replaceFast[i] = replaceFastWith[i] == null ? null : fast;
            }
        }
        copyFrom = r.copy().keySet().toArray(new String[0]);
        copyTo = r.copy().values().toArray(new String[0]);
        uri = new Template[] {
            t(r.setRuri(), true), t(r.setRuri(), false), t(r.setFrom(), true), t(r.setFrom(), false),
            t(r.setTo(), true), t(r.setTo(), false)};
    }

    private static Template[] templates(Map<String, String> m) {
        Template[] out = new Template[m.size()];
        int i = 0;
        for (String v : m.values()) {
            out[i++] = Template.parse(v, e -> {
                throw new IllegalStateException("template passed validation but does not parse: " + e);
            });
        }
        return out;
    }

    private static Template t(UriParts p, boolean user) {
        if (p == null) {
            return null;
        }
        String v = user ? p.user() : p.host();
        return v == null ? null : Template.parse(v, e -> {
            throw new IllegalStateException(e);
        });
    }

    public HeaderRule rule() {
        return rule;
    }

    public String name() {
        return rule.name();
    }

    int position() {
        return position;
    }

    /** Null when the rule applies to this message; otherwise why not (for explain). */
    public String firstFailure(EvalContext ctx, MessageEditor msg) {
        if (rule.from() != null && !ctx.isFrom(rule.from())) {
            return fromFailure;
        }
        if (rule.to() != null && !ctx.isTo(rule.to())) {
            return toFailure;
        }
        if (rule.kind() == MessageKind.REQUEST && !msg.isRequest()) {
            return "requests only";
        }
        if (rule.kind() == MessageKind.RESPONSE && msg.isRequest()) {
            return "responses only";
        }
        if (methods.length > 0 && !CompiledMatch.contains(methods, msg.method())) {
            return methodFailure;
        }
        if (statuses.length > 0) {
            boolean any = false;
            for (StatusRange s : statuses) {
                any |= !msg.isRequest() && s.contains(msg.statusCode());
            }
            if (!any) {
                return "status not matching";
            }
        }
        return match.firstFailure(ctx, msg);
    }

    /** Applies the actions (conditions already checked). */
    void applyActions(EvalContext ctx, MessageEditor msg, RuleObserver obs) {
        if (removeExact.length > 0 || removePrefix.length > 0) {
            for (int i = msg.headerCount() - 1; i >= 0; i--) {
                String name = msg.headerName(i);
                if (removable(name)) {
                    msg.removeHeaderAt(i);
                    if (obs != null) {
                        obs.fired(rule.name(), "remove " + name);
                    }
                }
            }
        }
        for (int i = 0; i < addNames.length; i++) {
            String v = addValues[i].render(msg, ctx);
            msg.addHeader(addNames[i], v);
            if (obs != null) {
                obs.fired(rule.name(), "add " + addNames[i] + ": " + v);
            }
        }
        for (int i = 0; i < setNames.length; i++) {
            String v = setValues[i].render(msg, ctx);
            set(msg, setNames[i], v);
            if (obs != null) {
                obs.fired(rule.name(), "set " + setNames[i] + ": " + v);
            }
        }
        for (int r = 0; r < replaceHeaders.length; r++) {
            for (int i = 0; i < msg.headerCount(); i++) {
                if (sameName(msg.headerName(i), replaceHeaders[r])) {
                    String old = msg.headerValue(i);
                    if (!old.contains(replaceLiterals[r])) {
                        continue;
                    }
                    String nv = replaceFast[r] == null ? null : replaceFast[r].replaceAll(old, replaceFastWith[r]);
                    if (nv == null) {
                        nv = replacePatterns[r].matcher(old).replaceAll(replaceWith[r]);
                    }
                    if (!nv.equals(old)) {
                        msg.setHeaderValueAt(i, nv);
                        if (obs != null) {
                            obs.fired(rule.name(), "replace in " + replaceHeaders[r] + ": " + nv);
                        }
                    }
                }
            }
        }
        for (int c = 0; c < copyFrom.length; c++) {
            String v = msg.header(copyFrom[c]);
            if (v != null) {
                set(msg, copyTo[c], v);
                if (obs != null) {
                    obs.fired(rule.name(), "copy " + copyFrom[c] + " to " + copyTo[c]);
                }
            }
        }
        setUri(msg, ctx, obs);
    }

    private void setUri(MessageEditor msg, EvalContext ctx, RuleObserver obs) {
        for (int k = 0; k < uri.length; k++) {
            if (uri[k] == null) {
                continue;
            }
            String v = uri[k].render(msg, ctx);
            switch (k) {
                case 0 -> msg.setRuriUser(v);
                case 1 -> msg.setRuriHost(v);
                case 2 -> msg.setFromUser(v);
                case 3 -> msg.setFromHost(v);
                case 4 -> msg.setToUser(v);
                default -> msg.setToHost(v);
            }
            if (obs != null) {
                String[] what = {"ruri user", "ruri host", "from user", "from host", "to user", "to host"};
                obs.fired(rule.name(), "set " + what[k] + ": " + v);
            }
        }
    }

    private static boolean[] firstCharacters(List<String> names) {
        boolean[] first = new boolean[128];
        for (String n : names) {
            char c = n.isEmpty() ? 128 : n.charAt(0);
            if (c >= 128 || c == '*') {
                return null;
            }
            first[c] = true;
            first[Character.toLowerCase(c)] = true;
            first[Character.toUpperCase(c)] = true;
        }
        return first;
    }

    private boolean removable(String name) {
        // Most header names of a message share no first letter with the rule's names: one lookup each.
        if (removeFirst != null && !name.isEmpty() && name.charAt(0) < 128 && !removeFirst[name.charAt(0)]) {
            return false;
        }
        for (String e : removeExact) {
            if (sameName(e, name)) {
                return true;
            }
        }
        for (String p : removePrefix) {
            if (name.length() >= p.length() && (p.isEmpty() || sameFirst(p.charAt(0), name.charAt(0)))
                    && name.regionMatches(true, 0, p, 0, p.length()) && !CompiledHeaderRules.isProtected(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code a.equalsIgnoreCase(b)}, first rejecting on length and first character: most header
     * names of a message differ from a rule's name there, and this loop runs per header per rule.
     */
    static boolean sameName(String a, String b) {
        return a.length() == b.length() && (a.isEmpty() || sameFirst(a.charAt(0), b.charAt(0))) && a.equalsIgnoreCase(b);
    }

    /** False only when x and y differ ignoring case; for non-ASCII it leaves the answer to equalsIgnoreCase. */
    private static boolean sameFirst(char x, char y) {
        return x == y || x >= 128 || y >= 128 || (x | 0x20) == (y | 0x20);
    }

    /** Replaces every value of {@code name} with one {@code value} (first occurrence kept in place). */
    static void set(MessageEditor msg, String name, String value) {
        int first = -1;
        for (int i = msg.headerCount() - 1; i >= 0; i--) {
            if (sameName(msg.headerName(i), name)) {
                if (first >= 0) {
                    msg.removeHeaderAt(first);
                }
                first = i;
            }
        }
        if (first >= 0) {
            msg.setHeaderValueAt(first, value);
        } else {
            msg.addHeader(name, value);
        }
    }
}
