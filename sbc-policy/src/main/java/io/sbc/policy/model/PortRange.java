package io.sbc.policy.model;

/** An inclusive port range, e.g. media {@code ports: 20000-29999}. */
public record PortRange(int low, int high) {
    public int size() {
        return high - low + 1;
    }

    @Override
    public String toString() {
        return low + "-" + high;
    }
}
