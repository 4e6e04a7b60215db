package io.sbc.signaling.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TransactionLayerThreadingTest {

    @Test
    void assertsWhenUsedOffItsOwnerThread() throws InterruptedException {
        LayerFixture f = new LayerFixture();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread intruder = new Thread(() -> {
            try {
                f.layer.receiveRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-th1"), LayerFixture.UDP_SOURCE);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "not-the-event-loop");
        intruder.start();
        intruder.join();
        assertTrue(thrown.get() instanceof AssertionError, "surefire runs with -ea; got " + thrown.get());
        assertEquals(0, f.layer.serverTransactionCount());
    }
}
