package io.sbc.policy.validate;

import java.util.Collection;

/** "Did you mean" for misspelt keys and names: the closest candidate by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word}, or null when none is close enough to be a plausible typo
     * (distance above a third of the word's length, at least 2), so suggestions stay useful.
     */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = word.toLowerCase();
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(2, word.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** Damerau-style edit distance (adjacent transposition counts as one edit: "rtae" → "rate"). */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        if (n > 64 || m > 64) {
            return Math.max(n, m);
        }
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
