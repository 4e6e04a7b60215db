package io.sbc.media.relay;

import static io.sbc.media.relay.MemoryRelay.legA;
import static io.sbc.media.relay.MemoryRelay.legB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sbc.media.io.MemoryDatagramTransport.Endpoint;
import org.junit.jupiter.api.Test;

class AwaitMediaIdleStrategyTest {

    private final MemoryRelay r = new MemoryRelay();

    @Test
    void spinsTheConfiguredEmptyCyclesThenWaitsOnTheSockets() {
        AwaitMediaIdleStrategy s = new AwaitMediaIdleStrategy(r.worker, 3, 1_000_000);
        for (int i = 0; i < 3; i++) {
            s.idle(0);
        }
        assertEquals(0, r.net.awaits(), "waited before the spin cycles were used up");
        s.idle(0);
        s.idle(0);
        assertEquals(2, r.net.awaits());
    }

    @Test
    void workRestartsTheSpinPhase() {
        AwaitMediaIdleStrategy s = new AwaitMediaIdleStrategy(r.worker, 2, 1_000_000);
        s.idle(0);
        s.idle(0);
        s.idle(0);
        assertEquals(1, r.net.awaits());
        s.idle(5);
        s.idle(0);
        s.idle(0);
        assertEquals(1, r.net.awaits(), "a busy cycle must give the worker its spin phase back");
        s.reset();
        s.idle(0);
        assertEquals(1, r.net.awaits());
    }

    @Test
    void workerDoesNotWaitWhileAControlCommandIsQueued() {
        Endpoint a = r.peer("127.0.0.10", 5000);
        Endpoint b = r.peer("127.0.0.30", 6000);
        r.worker.add(new RelayStreamSpec(1, "call-1", legA(a.address()), legB(b.address())));
        AwaitMediaIdleStrategy s = new AwaitMediaIdleStrategy(r.worker, 0, 1_000_000);
        s.idle(0);
        assertEquals(0, r.net.awaits(), "waited on the sockets with a command queued");
        r.cycle();
        s.idle(0);
        assertEquals(1, r.net.awaits());
    }

    @Test
    void rejectsNegativeSpinsAndNonPositiveWaits() {
        assertThrows(IllegalArgumentException.class, () -> new AwaitMediaIdleStrategy(r.worker, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new AwaitMediaIdleStrategy(r.worker, 1, 0));
    }
}
