package io.sbc.policy.load;

/** A place in a policy file, 1-based line and column, as editors and compilers print them. */
public record Position(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
