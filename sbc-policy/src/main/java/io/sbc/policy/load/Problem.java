package io.sbc.policy.load;

/**
 * One mistake in a policy file. Printed as {@code FILE:LINE:COL: message}, the form
 * {@code ops/sbc check-policy} and editors' problem matchers expect. Messages never contain a
 * secret's value (only its {@code ${env:..}} / {@code ${file:..}} reference).
 */
public record Problem(Position at, String message) implements Comparable<Problem> {
    @Override
    public String toString() {
        return at + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = Integer.compare(at.line(), o.at.line());
        return c != 0 ? c : Integer.compare(at.column(), o.at.column());
    }
}
