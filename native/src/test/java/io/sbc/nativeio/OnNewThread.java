package io.sbc.nativeio;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Runs a test body on a fresh thread and waits for it: a thread whose CPU set or scheduling policy
 * a test changed must not be the test runner's, which would carry the change into later tests.
 */
final class OnNewThread {
    private OnNewThread() {}

    static void run(String name, Runnable body) throws InterruptedException {
        Thread t = new Thread(body, name);
        t.start();
        t.join(10_000);
        assertFalse(t.isAlive());
    }
}
