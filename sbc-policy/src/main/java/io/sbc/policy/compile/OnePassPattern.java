package io.sbc.policy.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A policy regex from the "one-pass sequence" subset, matched without RE2/J: a sequence of
 * single-character atoms (literals, classes, {@code .}, {@code \d \w \s} and their negations),
 * each with a greedy quantifier ({@code ? * + {n} {n,} {n,m}}), plain and non-capturing groups
 * that carry no quantifier, an optional leading {@code ^} and trailing {@code $}; and one-pass:
 * wherever a quantifier may either take another character or stop, its class shares no character
 * with the atoms that could take that character instead. Typical routing and header regexes
 * ({@code \+1[2-9][0-9]{9}}, {@code sip:0([0-9]+)@}) are of this form.
 *
 * <p>Why: RE2/J has no DFA; its NFA with captures costs about 30 ns per character and 150+ bytes
 * per match, which alone broke issue #3's 2 µs per INVITE. A one-pass regex has exactly one way
 * to continue on each character, so one forward scan decides a match and its groups, in linear
 * time, without allocating. Perl/RE2 leftmost-first semantics follow: along that single path,
 * greedy quantifiers prefer taking a character over stopping, so the match ends at the last
 * accepting point of the path. Anything outside the subset gets null from {@link #compile} and
 * stays on RE2/J; {@code OnePassPatternTest} checks equality with RE2/J on random regexes.
 *
 * <p>Immutable, shared by every thread.
 */
final class OnePassPattern {
    /** RE2's own repeat limit; larger counts never pass validation anyway. */
    private static final int MAX_REPEAT = 1000;
    private static final int MAX_ATOMS = 256;

    private final CodePointClass[] classes;
    /** The classes' ASCII tables, flattened: the scan tests these for nearly every character. */
    private final long[] asciiLow;
    private final long[] asciiHigh;
    private final int[] min;
    private final int[] max;
    /** nullableFrom[i]: atoms i..n-1 can all take zero characters. */
    private final boolean[] nullableFrom;
    /** Atom index where group g+1 starts and the index of the first atom after it. */
    private final int[] groupStart;
    private final int[] groupEnd;
    private final boolean anchorStart;
    private final boolean anchorEnd;
    /** Text every match starts with (atoms that are one fixed character each): candidates by indexOf. */
    private final String leading;
    /** Longest text every match contains: a value without it cannot match. */
    private final String required;

    private OnePassPattern(List<CodePointClass> classes, List<int[]> counts, int[] groupStart, int[] groupEnd,
            boolean anchorStart, boolean anchorEnd) {
        int n = classes.size();
        this.classes = classes.toArray(new CodePointClass[0]);
        asciiLow = new long[n];
        asciiHigh = new long[n];
        for (int i = 0; i < n; i++) {
            asciiLow[i] = this.classes[i].low;
            asciiHigh[i] = this.classes[i].high;
        }
        min = new int[n];
        max = new int[n];
        for (int i = 0; i < n; i++) {
            min[i] = counts.get(i)[0];
            max[i] = counts.get(i)[1];
        }
        nullableFrom = new boolean[n + 1];
        nullableFrom[n] = true;
        for (int i = n - 1; i >= 0; i--) {
            nullableFrom[i] = nullableFrom[i + 1] && min[i] == 0;
        }
        this.groupStart = groupStart;
        this.groupEnd = groupEnd;
        this.anchorStart = anchorStart;
        this.anchorEnd = anchorEnd;
        String lead = null;
        String longest = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= n; i++) {
            int c = i < n && min[i] == 1 && max[i] == 1 ? this.classes[i].single() : -1;
            if (c >= 0) {
                run.append((char) c);
                continue;
            }
            if (lead == null) {
                lead = run.toString();
            }
            if (run.length() > longest.length()) {
                longest = run.toString();
            }
            run.setLength(0);
        }
        leading = lead;
        required = longest;
    }

    /** The pattern, or null when {@code regex} is outside the one-pass subset (use RE2/J). */
    static OnePassPattern compile(String regex) {
        OnePassPattern p = new Parser(regex).parse();
        return p != null && p.isOnePass() ? p : null;
    }

    /** Number of capturing groups. */
    int groupCount() {
        return groupStart.length;
    }

    /** True when the pattern can match the empty string. */
    boolean nullable() {
        return nullableFrom[0];
    }

    private boolean isOnePass() {
        for (int i = 0; i < classes.length; i++) {
            if (min[i] == max[i]) {
                continue;
            }
            for (int j = i + 1; j < classes.length; j++) {
                if (classes[i].intersects(classes[j])) {
                    return false;
                }
                if (min[j] > 0) {
                    break;
                }
            }
        }
        return true;
    }

    /** Whole-value match, as RE2/J {@code Pattern.matches(v)}. */
    boolean matchesWhole(String v) {
        int n = v.length();
        int atom = -1;
        int count = 0;
        int pos = 0;
        while (pos < n) {
            int cp = v.codePointAt(pos);
            long next = step(atom, count, cp);
            if (next < 0) {
                return false;
            }
            atom = (int) (next >>> 32);
            count = (int) next;
            pos += Character.charCount(cp);
        }
        return accepting(atom, count);
    }

    private boolean accepting(int atom, int count) {
        return atom < 0 ? nullableFrom[0] : count >= min[atom] && nullableFrom[atom + 1];
    }

    /**
     * The state after taking {@code cp} in state (atom, count), packed as atom << 32 | count, or
     * -1 when no atom can take it. atom -1 is the state before the first atom.
     */
    private long step(int atom, int count, int cp) {
        if (atom >= 0) {
            if (count < max[atom] && in(atom, cp)) {
                return ((long) atom << 32) | (count + 1);
            }
            if (count < min[atom]) {
                return -1;
            }
        }
        for (int j = atom + 1; j < classes.length; j++) {
            if (in(j, cp)) {
                return ((long) j << 32) | 1;
            }
            if (min[j] > 0) {
                break;
            }
        }
        return -1;
    }

    private boolean in(int atom, int cp) {
        if (cp < 64) {
            return (asciiLow[atom] >>> cp & 1) != 0;
        }
        if (cp < 128) {
            return (asciiHigh[atom] >>> (cp - 64) & 1) != 0;
        }
        return classes[atom].contains(cp);
    }

    /**
     * The leftmost-first match of a non-nullable pattern that starts exactly at {@code start}:
     * (characters looked at) << 32 | (end + 1), with end + 1 = 0 when there is none.
     */
    private long matchAt(String v, int start) {
        int n = v.length();
        int atom = -1;
        int count = 0;
        int pos = start;
        int end = -1;
        while (pos < n) {
            int cp = v.codePointAt(pos);
            long next = step(atom, count, cp);
            if (next < 0) {
                break;
            }
            atom = (int) (next >>> 32);
            count = (int) next;
            pos += Character.charCount(cp);
            if (!anchorEnd && accepting(atom, count)) {
                end = pos;
            }
        }
        if (anchorEnd && pos == n && accepting(atom, count)) {
            end = pos;
        }
        return ((long) (pos - start) << 32) | (end + 1);
    }

    /**
     * Group {@code g}'s span in the match [start, end), packed as begin << 32 | end: where the
     * path first reaches the group's first atom (or a later one), and the atom after it.
     */
    private long groupSpan(String v, int start, int end, int g) {
        int first = groupStart[g - 1];
        int after = groupEnd[g - 1];
        int begin = -1;
        int atom = -1;
        int count = 0;
        int pos = start;
        while (pos < end) {
            int cp = v.codePointAt(pos);
            long next = step(atom, count, cp);
            int to = (int) (next >>> 32);
            if (begin < 0 && to >= first) {
                begin = pos;
            }
            if (to >= after) {
                return ((long) begin << 32) | pos;
            }
            atom = to;
            count = (int) next;
            pos += Character.charCount(cp);
        }
        return ((long) (begin < 0 ? end : begin) << 32) | end;
    }

    /**
     * {@code v} with every match replaced as RE2/J {@code Matcher.replaceAll(template)} does; the
     * same String when nothing matched; null when this search would exceed its linear step budget
     * (hostile input: the caller falls back to RE2/J). Requires a non-nullable pattern.
     */
    String replaceAll(String v, Replacement with) {
        if (!v.contains(required)) {
            return v;
        }
        int n = v.length();
        long steps = 0;
        int budget = 4 * n + 64;
        StringBuilder out = null;
        int appendPos = 0;
        int from = 0;
        while (from < n) {
            int s = -1;
            int e = -1;
            for (int i = v.indexOf(leading, from); i >= 0 && i < n; i = nextCandidate(v, i)) {
                if (anchorStart && i > 0) {
                    break;
                }
                long r = matchAt(v, i);
                steps += (r >>> 32) + 1;
                if (steps > budget) {
                    return null;
                }
                if ((int) r != 0) {
                    s = i;
                    e = (int) r - 1;
                    break;
                }
            }
            if (s < 0) {
                break;
            }
            if (out == null) {
                out = new StringBuilder(n + 16);
            }
            out.append(v, appendPos, s);
            with.appendTo(out, this, v, s, e);
            appendPos = e;
            from = e;
        }
        if (out == null) {
            return v;
        }
        return out.append(v, appendPos, n).toString();
    }

    /** Next start to try after {@code i}: the next occurrence of the leading text, or the next code point. */
    private int nextCandidate(String v, int i) {
        return leading.isEmpty() ? i + Character.charCount(v.codePointAt(i)) : v.indexOf(leading, i + 1);
    }

    /**
     * A replacement template ({@code $n} group references, {@code \x} escapes) parsed once, with
     * RE2/J 1.8's rules: {@code $n} takes as many digits as still name a group.
     */
    static final class Replacement {
        private final String[] literals;
        private final int[] groups;

        private Replacement(List<String> literals, List<Integer> groups) {
            this.literals = literals.toArray(new String[0]);
            this.groups = groups.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The parsed template, or null where RE2/J would do something else ({@code ${name}}, a missing group). */
        static Replacement parse(String r, int groupCount) {
            List<String> lits = new ArrayList<>();
            List<Integer> refs = new ArrayList<>();
            StringBuilder lit = new StringBuilder();
            int last = 0;
            int m = r.length();
            for (int i = 0; i < m - 1; i++) {
                char c = r.charAt(i);
                if (c == '\\') {
                    lit.append(r, last, i);
                    i++;
                    last = i;
                    continue;
                }
                if (c == '$') {
                    char d = r.charAt(i + 1);
                    if (d == '{') {
                        return null;
                    }
                    if ('0' <= d && d <= '9') {
                        int g = d - '0';
                        lit.append(r, last, i);
                        for (i += 2; i < m; i++) {
                            char e = r.charAt(i);
                            if (e < '0' || e > '9' || g * 10 + e - '0' > groupCount) {
                                break;
                            }
                            g = g * 10 + e - '0';
                        }
                        if (g > groupCount) {
                            return null;
                        }
                        lits.add(lit.toString());
                        lit.setLength(0);
                        refs.add(g);
                        last = i;
                        i--;
                    }
                }
            }
            if (last < m) {
                lit.append(r, last, m);
            }
            lits.add(lit.toString());
            return new Replacement(lits, refs);
        }

        void appendTo(StringBuilder out, OnePassPattern p, String v, int s, int e) {
            for (int k = 0; k < groups.length; k++) {
                out.append(literals[k]);
                int g = groups[k];
                if (g == 0) {
                    out.append(v, s, e);
                } else {
                    long span = p.groupSpan(v, s, e, g);
                    out.append(v, (int) (span >>> 32), (int) span);
                }
            }
            out.append(literals[groups.length]);
        }
    }

    /** A set of code points: a 128-bit table for ASCII, ranges (or everything) above. */
    static final class CodePointClass {
        private long low;
        private long high;
        private boolean allNonAscii;
        private final List<int[]> nonAscii = new ArrayList<>();
        private int[] ranges = new int[0];
        private boolean negated;

        boolean contains(int cp) {
            if (cp < 64) {
                return (low >>> cp & 1) != 0;
            }
            if (cp < 128) {
                return (high >>> (cp - 64) & 1) != 0;
            }
            if (allNonAscii) {
                return true;
            }
            boolean in = false;
            for (int i = 0; i < ranges.length && !in; i += 2) {
                in = cp >= ranges[i] && cp <= ranges[i + 1];
            }
            return in != negated;
        }

        boolean intersects(CodePointClass o) {
            if ((low & o.low) != 0 || (high & o.high) != 0) {
                return true;
            }
            if (!hasNonAscii() || !o.hasNonAscii()) {
                return false;
            }
            if (allNonAscii || o.allNonAscii || negated || o.negated) {
                return true;
            }
            for (int i = 0; i < ranges.length; i += 2) {
                for (int j = 0; j < o.ranges.length; j += 2) {
                    if (ranges[i] <= o.ranges[j + 1] && o.ranges[j] <= ranges[i + 1]) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The one code point in this set (BMP, not a surrogate), or -1. */
        int single() {
            if (negated || allNonAscii) {
                return -1;
            }
            int bits = Long.bitCount(low) + Long.bitCount(high);
            if (bits == 1 && ranges.length == 0) {
                return low != 0 ? Long.numberOfTrailingZeros(low) : 64 + Long.numberOfTrailingZeros(high);
            }
            if (bits == 0 && ranges.length == 2 && ranges[0] == ranges[1] && ranges[0] <= 0xFFFF
                    && !Character.isSurrogate((char) ranges[0])) {
                return ranges[0];
            }
            return -1;
        }

        private boolean hasNonAscii() {
            return allNonAscii || negated || ranges.length > 0;
        }

        void add(int lo, int hi) {
            for (int c = lo; c <= Math.min(hi, 127); c++) {
                if (c < 64) {
                    low |= 1L << c;
                } else {
                    high |= 1L << (c - 64);
                }
            }
            if (hi >= 128) {
                nonAscii.add(new int[] {Math.max(lo, 128), hi});
            }
        }

        void addAllNonAscii() {
            allNonAscii = true;
        }

        /** Ends building; {@code negate} complements the whole set (a {@code [^...]} class). */
        CodePointClass done(boolean negate) {
            int[] r = new int[nonAscii.size() * 2];
            for (int i = 0; i < nonAscii.size(); i++) {
                r[2 * i] = nonAscii.get(i)[0];
                r[2 * i + 1] = nonAscii.get(i)[1];
            }
            ranges = r;
            if (negate) {
                low = ~low;
                high = ~high;
                if (allNonAscii) {
                    allNonAscii = false;
                    ranges = new int[0];
                } else {
                    negated = true;
                }
            }
            return this;
        }
    }

    /** Parses the subset; returns null at the first construct outside it. Single use. */
    private static final class Parser {
        private final String re;
        private int i;
        private final List<CodePointClass> classes = new ArrayList<>();
        private final List<int[]> counts = new ArrayList<>();
        private final List<int[]> groups = new ArrayList<>();

        Parser(String re) {
            this.re = re;
        }

        OnePassPattern parse() {
            boolean anchorStart = re.startsWith("^");
            i = anchorStart ? 1 : 0;
            boolean anchorEnd = false;
            Deque<int[]> open = new ArrayDeque<>();
            while (i < re.length()) {
                char c = re.charAt(i);
                if (c == '$' && i == re.length() - 1 && open.isEmpty()) {
                    anchorEnd = true;
                    i++;
                    continue;
                }
                if (c == '(') {
                    int[] g;
                    if (re.startsWith("(?:", i)) {
                        g = new int[] {classes.size(), -1, 0};
                        i += 3;
                    } else if (re.startsWith("(?", i)) {
                        return null;
                    } else {
                        g = new int[] {classes.size(), -1, 1};
                        groups.add(g);
                        i++;
                    }
                    open.push(g);
                    continue;
                }
                if (c == ')') {
                    if (open.isEmpty()) {
                        return null;
                    }
                    open.pop()[1] = classes.size();
                    i++;
                    if (i < re.length() && "*+?{".indexOf(re.charAt(i)) >= 0) {
                        return null;
                    }
                    continue;
                }
                CodePointClass atom = atom();
                if (atom == null) {
                    return null;
                }
                int[] count = quantifier();
                if (count == null || classes.size() >= MAX_ATOMS) {
                    return null;
                }
                classes.add(atom);
                counts.add(count);
            }
            if (!open.isEmpty()) {
                return null;
            }
            int[] gs = new int[groups.size()];
            int[] ge = new int[groups.size()];
            for (int g = 0; g < gs.length; g++) {
                gs[g] = groups.get(g)[0];
                ge[g] = groups.get(g)[1];
            }
            return new OnePassPattern(classes, counts, gs, ge, anchorStart, anchorEnd);
        }

        private CodePointClass atom() {
            char c = re.charAt(i);
            CodePointClass k = new CodePointClass();
            if (c == '.') {
                i++;
                k.add(0, '\n' - 1);
                k.add('\n' + 1, 127);
                k.addAllNonAscii();
                return k.done(false);
            }
            if (c == '[') {
                return bracket();
            }
            if (c == '\\') {
                return escape(k) ? k.done(false) : null;
            }
            if ("^$|*+?{}])".indexOf(c) >= 0 || Character.isSurrogate(c)) {
                return null;
            }
            i++;
            k.add(c, c);
            return k.done(false);
        }

        /** {@code \d \w \s}, their negations, or an escaped ASCII punctuation character; adds to k. */
        private boolean escape(CodePointClass k) {
            if (i + 1 >= re.length()) {
                return false;
            }
            char e = re.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'd', 'D' -> perl(k, e == 'D', "09");
                case 'w', 'W' -> perl(k, e == 'W', "09AZaz__");
                case 's', 'S' -> perl(k, e == 'S', "\t\n\f\r  ");
                default -> {
                    if (e >= 128 || e <= ' ' || Character.isLetterOrDigit(e)) {
                        return false;
                    }
                    k.add(e, e);
                }
            }
            return true;
        }

        /** A Perl class given as range pairs (RE2: ASCII only), or its complement including all non-ASCII. */
        private static void perl(CodePointClass k, boolean negate, String pairs) {
            CodePointClass p = new CodePointClass();
            for (int j = 0; j < pairs.length(); j += 2) {
                p.add(pairs.charAt(j), pairs.charAt(j + 1));
            }
            if (negate) {
                p.done(true);
                k.low |= p.low;
                k.high |= p.high;
                k.addAllNonAscii();
            } else {
                k.low |= p.low;
                k.high |= p.high;
            }
        }

        private CodePointClass bracket() {
            i++;
            boolean negate = i < re.length() && re.charAt(i) == '^';
            if (negate) {
                i++;
            }
            CodePointClass k = new CodePointClass();
            boolean first = true;
            while (true) {
                if (i >= re.length()) {
                    return null;
                }
                char c = re.charAt(i);
                if (c == ']' && !first) {
                    i++;
                    return k.done(negate);
                }
                boolean wasFirst = first;
                first = false;
                if (c == '[' || c == ']' || Character.isSurrogate(c)
                        || (c == '-' && !wasFirst && i + 1 < re.length() && re.charAt(i + 1) != ']')) {
                    return null;
                }
                int lo;
                if (c == '\\') {
                    char e = i + 1 < re.length() ? re.charAt(i + 1) : 0;
                    if ("dDwWsS".indexOf(e) >= 0 && e != 0) {
                        if (!escape(k) || (i + 1 < re.length() && re.charAt(i) == '-' && re.charAt(i + 1) != ']')) {
                            return null;
                        }
                        continue;
                    }
                    if (e == 0 || e >= 128 || e <= ' ' || Character.isLetterOrDigit(e)) {
                        return null;
                    }
                    lo = e;
                    i += 2;
                } else {
                    lo = c;
                    i++;
                }
                int hi = lo;
                if (i + 1 < re.length() && re.charAt(i) == '-' && re.charAt(i + 1) != ']') {
                    char h = re.charAt(i + 1);
                    if (h == '\\' || h == '[' || Character.isSurrogate(h) || h < lo) {
                        return null;
                    }
                    hi = h;
                    i += 2;
                }
                k.add(lo, hi);
            }
        }

        /** {min, max} of the quantifier at i ({1, 1} when none); null for lazy, nested or unusual forms. */
        private int[] quantifier() {
            if (i >= re.length()) {
                return new int[] {1, 1};
            }
            char c = re.charAt(i);
            int[] q;
            if (c == '?') {
                q = new int[] {0, 1};
                i++;
            } else if (c == '*') {
                q = new int[] {0, Integer.MAX_VALUE};
                i++;
            } else if (c == '+') {
                q = new int[] {1, Integer.MAX_VALUE};
                i++;
            } else if (c == '{') {
                int close = re.indexOf('}', i);
                if (close < 0) {
                    return null;
                }
                String body = re.substring(i + 1, close);
                int comma = body.indexOf(',');
                String a = comma < 0 ? body : body.substring(0, comma);
                String b = comma < 0 ? body : body.substring(comma + 1);
                if (!digits(a) || !(digits(b) || (comma >= 0 && b.isEmpty()))) {
                    return null;
                }
                int lo = Integer.parseInt(a);
                int hi = b.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(b);
                if (lo > MAX_REPEAT || (hi != Integer.MAX_VALUE && hi > MAX_REPEAT) || hi < lo || hi == 0) {
                    return null;
                }
                q = new int[] {lo, hi};
                i = close + 1;
            } else {
                return new int[] {1, 1};
            }
            if (i < re.length() && "?*+{".indexOf(re.charAt(i)) >= 0) {
                return null;
            }
            return q;
        }

        private static boolean digits(String s) {
            if (s.isEmpty() || s.length() > 4) {
                return false;
            }
            for (int j = 0; j < s.length(); j++) {
                if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                    return false;
                }
            }
            return true;
        }
    }
}
