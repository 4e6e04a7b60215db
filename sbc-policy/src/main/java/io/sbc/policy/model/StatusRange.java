package io.sbc.policy.model;

/** Response status codes {@code low..high} inclusive; {@code 4xx} is 400-499. */
public record StatusRange(int low, int high) {
    public boolean contains(int code) {
        return code >= low && code <= high;
    }
}
