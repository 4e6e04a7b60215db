package io.sbc.signaling;

/** Entry point of the runnable jar; verbs are dispatched by {@code io.sbc.signaling.cli}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("sbc " + version());
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
