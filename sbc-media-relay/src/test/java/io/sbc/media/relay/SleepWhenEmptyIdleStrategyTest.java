package io.sbc.media.relay;

import static io.sbc.media.relay.MemoryRelay.legA;
import static io.sbc.media.relay.MemoryRelay.legB;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.io.MemoryDatagramTransport.Endpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SleepWhenEmptyIdleStrategyTest {

    private final MemoryRelay r = new MemoryRelay();

    @Test
    void workerWithStreamsDoesNotSleep() {
        Endpoint a = r.peer("127.0.0.10", 5000);
        Endpoint b = r.peer("127.0.0.30", 6000);
        r.run(r.worker.add(new RelayStreamSpec(1, "call-1", legA(a.address()), legB(b.address()))));
        assertFalse(r.worker.sleepWhileEmpty(TimeUnit.SECONDS.toNanos(30)));
    }

    @Test
    void emptyWorkerWithACommandWaitingReturnsWithoutSleeping() {
        r.worker.query(7);
        long t0 = System.nanoTime();
        assertTrue(r.worker.sleepWhileEmpty(TimeUnit.SECONDS.toNanos(30)));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "slept although a command waited");
    }

    @Test
    void sleepingEmptyWorkerWakesWhenACommandIsSubmitted() throws Exception {
        CompletableFuture<Boolean> slept = new CompletableFuture<>();
        Thread sleeper = new Thread(() -> slept.complete(r.worker.sleepWhileEmpty(TimeUnit.SECONDS.toNanos(60))));
        long t0 = System.nanoTime();
        sleeper.start();
        // wait (bounded) until the thread is parked, so the submit below has to wake it
        for (int i = 0; i < 10_000 && sleeper.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.onSpinWait();
            Thread.yield();
        }
        r.worker.query(7);
        assertTrue(slept.get(30, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "the command did not wake the worker");
    }
}
