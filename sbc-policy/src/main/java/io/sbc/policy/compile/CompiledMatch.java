package io.sbc.policy.compile;

import com.google.re2j.Pattern;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.MessageView;
import io.sbc.policy.model.Cidr;
import io.sbc.policy.model.HeaderCondition;
import io.sbc.policy.model.Match;
import io.sbc.policy.model.NumberRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Match} conditions compiled for evaluation: CIDRs as numbers, regexes as RE2 patterns
 * (linear time, whole-value match), number ranges as longs. {@link #firstFailure} allocates nothing
 * except inside RE2 matching, and returns a description fixed at compile time, so the same code
 * answers "does it match" on the hot path and "why not" for explain.
 */
public final class CompiledMatch {
    private final Cidr[] sources;
    private final String sourceFailure;
    private final String[] methods;
    private final String methodFailure;
    private final String[] prefixes;
    private final String prefixFailure;
    private final Pattern ruriUser;
    private final String ruriUserFailure;
    private final long[] rangeLow;
    private final long[] rangeHigh;
    private final int[] rangeLength;
    private final boolean[] rangePlus;
    private final String rangeFailure;
    private final Pattern fromUser;
    private final String fromUserFailure;
    private final Pattern toUser;
    private final String toUserFailure;
    private final String[] headerNames;
    private final boolean[] headerPresent;
    private final Pattern[] headerPatterns;
    private final String[] headerFailures;
    private final String ruriUserPrefix;
    private final String fromUserPrefix;
    private final String toUserPrefix;
    private final String[] headerPrefixes;
    /** The same regexes where {@link OnePassPattern} can run them (null: RE2/J). */
    private final OnePassPattern ruriUserFast;
    private final OnePassPattern fromUserFast;
    private final OnePassPattern toUserFast;
    private final OnePassPattern[] headerFast;

    public CompiledMatch(Match m) {
        sources = m.sources().toArray(new Cidr[0]);
        sourceFailure = "source address not in " + m.sources();
        methods = m.methods().toArray(new String[0]);
        methodFailure = "method not in " + m.methods();
        prefixes = m.ruriUserPrefixes().toArray(new String[0]);
        prefixFailure = "Request-URI user does not start with any of " + m.ruriUserPrefixes();
        ruriUser = m.ruriUser() == null ? null : Pattern.compile(m.ruriUser());
        ruriUserFailure = "Request-URI user does not match " + m.ruriUser();
        int n = m.ruriUserRanges().size();
        rangeLow = new long[n];
        rangeHigh = new long[n];
        rangeLength = new int[n];
        rangePlus = new boolean[n];
        for (int i = 0; i < n; i++) {
            NumberRange r = m.ruriUserRanges().get(i);
            rangePlus[i] = r.low().startsWith("+");
            String lo = rangePlus[i] ? r.low().substring(1) : r.low();
            String hi = rangePlus[i] ? r.high().substring(1) : r.high();
            rangeLow[i] = Long.parseLong(lo);
            rangeHigh[i] = Long.parseLong(hi);
            rangeLength[i] = lo.length();
        }
        rangeFailure = "Request-URI user is in none of the ranges " + m.ruriUserRanges();
        fromUser = m.fromUser() == null ? null : Pattern.compile(m.fromUser());
        fromUserFailure = "From user does not match " + m.fromUser();
        toUser = m.toUser() == null ? null : Pattern.compile(m.toUser());
        toUserFailure = "To user does not match " + m.toUser();
        ruriUserPrefix = m.ruriUser() == null ? "" : LiteralPrefix.of(m.ruriUser());
        fromUserPrefix = m.fromUser() == null ? "" : LiteralPrefix.of(m.fromUser());
        toUserPrefix = m.toUser() == null ? "" : LiteralPrefix.of(m.toUser());
        ruriUserFast = m.ruriUser() == null ? null : OnePassPattern.compile(m.ruriUser());
        fromUserFast = m.fromUser() == null ? null : OnePassPattern.compile(m.fromUser());
        toUserFast = m.toUser() == null ? null : OnePassPattern.compile(m.toUser());
        int h = m.headers().size();
        headerFast = new OnePassPattern[h];
        headerPrefixes = new String[h];
        headerNames = new String[h];
        headerPresent = new boolean[h];
        headerPatterns = new Pattern[h];
        headerFailures = new String[h];
        int i = 0;
        for (Map.Entry<String, HeaderCondition> e : m.headers().entrySet()) {
            headerNames[i] = e.getKey();
            headerPresent[i] = e.getValue().present();
            headerPatterns[i] = e.getValue().regex() == null ? null : Pattern.compile(e.getValue().regex());
            headerPrefixes[i] = e.getValue().regex() == null ? "" : LiteralPrefix.of(e.getValue().regex());
            headerFast[i] = e.getValue().regex() == null ? null : OnePassPattern.compile(e.getValue().regex());
            headerFailures[i] = e.getValue().regex() != null ? "header " + e.getKey() + " absent or not matching " + e.getValue().regex()
                    : e.getValue().present() ? "header " + e.getKey() + " absent" : "header " + e.getKey() + " present";
            i++;
        }
    }

    /** Null when every condition holds; otherwise a description of the first that does not. */
    public String firstFailure(EvalContext ctx, MessageView msg) {
        if (sources.length > 0 && !sourceMatches(ctx)) {
            return sourceFailure;
        }
        if (methods.length > 0 && !contains(methods, msg.method())) {
            return methodFailure;
        }
        if (prefixes.length > 0 && !startsWithAny(msg.ruriUser())) {
            return prefixFailure;
        }
        if (ruriUser != null && !matches(ruriUser, ruriUserFast, ruriUserPrefix, msg.ruriUser())) {
            return ruriUserFailure;
        }
        if (rangeLow.length > 0 && !inRange(msg.ruriUser())) {
            return rangeFailure;
        }
        if (fromUser != null && !matches(fromUser, fromUserFast, fromUserPrefix, msg.fromUser())) {
            return fromUserFailure;
        }
        if (toUser != null && !matches(toUser, toUserFast, toUserPrefix, msg.toUser())) {
            return toUserFailure;
        }
        for (int i = 0; i < headerNames.length; i++) {
            String v = msg.header(headerNames[i]);
            boolean ok = headerPatterns[i] != null ? matches(headerPatterns[i], headerFast[i], headerPrefixes[i], v)
                    : headerPresent[i] == (v != null);
            if (!ok) {
                return headerFailures[i];
            }
        }
        return null;
    }

    public boolean matches(EvalContext ctx, MessageView msg) {
        return firstFailure(ctx, msg) == null;
    }

    private boolean sourceMatches(EvalContext ctx) {
        if (ctx.source() == null) {
            return false;
        }
        for (Cidr c : sources) {
            if (ctx.sourceIsV6() ? c.containsV6(ctx.sourceHigh(), ctx.sourceLow()) : c.containsV4(ctx.sourceV4())) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(String[] values, String v) {
        if (v == null) {
            return false;
        }
        for (String s : values) {
            if (s.equals(v)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsWithAny(String user) {
        if (user == null) {
            return false;
        }
        for (String p : prefixes) {
            if (user.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whole-value match; {@code prefix} (from {@link LiteralPrefix}) rejects most values without
     * running a regex engine, and {@code fast} (when the regex is one-pass) replaces RE2/J.
     */
    static boolean matches(Pattern p, OnePassPattern fast, String prefix, String v) {
        return v != null && v.startsWith(prefix) && (fast != null ? fast.matchesWhole(v) : p.matches(v));
    }

    private boolean inRange(String user) {
        if (user == null) {
            return false;
        }
        boolean plus = user.startsWith("+");
        int start = plus ? 1 : 0;
        int len = user.length() - start;
        if (len == 0 || len > 18) {
            return false;
        }
        long v = 0;
        for (int i = start; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        for (int i = 0; i < rangeLow.length; i++) {
            if (rangePlus[i] == plus && rangeLength[i] == len && v >= rangeLow[i] && v <= rangeHigh[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Index keys (see {@link RouteTable#key}) of the Request-URI users this match can accept, or
     * null when it constrains no leading characters. Any one ruri-user condition is enough: they
     * must all hold.
     */
    java.util.BitSet userKeys() {
        java.util.BitSet best = null;
        if (prefixes.length > 0) {
            best = narrower(best, keysOfLiterals(prefixes));
        }
        if (ruriUser != null) {
            best = narrower(best, keysOfLiterals(new String[] {ruriUserPrefix}));
        }
        if (rangeLow.length > 0) {
            java.util.BitSet b = new java.util.BitSet();
            for (int i = 0; i < rangeLow.length; i++) {
                String lo = String.format("%0" + rangeLength[i] + "d", rangeLow[i]);
                String hi = String.format("%0" + rangeLength[i] + "d", rangeHigh[i]);
                for (char c = lo.charAt(0); c <= hi.charAt(0); c++) {
                    b.set(rangePlus[i] ? RouteTable.key('+', c) : RouteTable.key(c, ' '));
                }
            }
            best = narrower(best, b);
        }
        return best;
    }

    private static java.util.BitSet narrower(java.util.BitSet a, java.util.BitSet b) {
        if (b == null) {
            return a;
        }
        return a == null || b.cardinality() < a.cardinality() ? b : a;
    }

    /** Keys of users starting with one of {@code literals}; null when one of them leaves the key open. */
    private static java.util.BitSet keysOfLiterals(String[] literals) {
        java.util.BitSet b = new java.util.BitSet();
        for (String p : literals) {
            if (p.isEmpty() || p.equals("+") || p.charAt(0) > 255 || (p.charAt(0) == '+' && p.charAt(1) > 255)) {
                return null;
            }
            b.set(p.charAt(0) == '+' ? RouteTable.key('+', p.charAt(1)) : RouteTable.key(p.charAt(0), ' '));
        }
        return b;
    }

    /** Descriptions of all conditions, for explain output. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (sources.length > 0) {
            out.add("source in " + List.of(sources));
        }
        if (methods.length > 0) {
            out.add("method in " + List.of(methods));
        }
        if (prefixes.length > 0) {
            out.add("ruri-user-prefix " + List.of(prefixes));
        }
        if (ruriUser != null) {
            out.add("ruri-user ~ " + ruriUser.pattern());
        }
        if (fromUser != null) {
            out.add("from-user ~ " + fromUser.pattern());
        }
        if (toUser != null) {
            out.add("to-user ~ " + toUser.pattern());
        }
        return out;
    }
}
