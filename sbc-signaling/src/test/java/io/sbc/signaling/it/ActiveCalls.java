package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Waits for the SBC to have no call left. SIPp exits as soon as it has sent its last message; the
 * SBC may still be finishing the call on its own loop (the other leg's 200 to BYE, the relay's
 * delete reply), so "no calls left" is checked for up to 3 s rather than at that instant.
 */
final class ActiveCalls {
    private ActiveCalls() {}

    static void awaitNone(SignalingNode node) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (node.calls().active() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, node.calls().active(), node.calls()::toString);
    }

    /**
     * Waits (up to 10 s) until the node's overload control admits new INVITEs: on a busy machine the
     * event loop lags right after start (JIT, TLS key generation), and the detector answers 503 then.
     */
    static void awaitAdmitting(SignalingNode node) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (node.overload() != null && node.overload().refuseNewWork() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
