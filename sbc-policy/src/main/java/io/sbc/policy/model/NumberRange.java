package io.sbc.policy.model;

/** A range of numbers of equal length, e.g. {@code 5550000-5559999} (leading + allowed on both ends). */
public record NumberRange(String low, String high) {
    @Override
    public String toString() {
        return low + "-" + high;
    }
}
