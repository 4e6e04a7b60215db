package io.sbc.signaling.gate;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The ban table's seqlock under contention (a stress test, not a proof; jcstress is not a
 * dependency): writers ban and unban keys that all share one probe window while readers look up
 * keys that are never banned. A torn read would pair a never-banned key with a live expiry.
 */
class BanTableConcurrencyTest {
    @Test
    void readersNeverSeeABanForAKeyThatWasNeverBanned() throws Exception {
        BanTable table = new BanTable(64);
        long now = 1_000;
        // Keys whose hash lands in the same window: found by search so writers fight for slots.
        long[] colliding = new long[16];
        int target = SourceKey.mix(1L << 32) & 63;
        int n = 0;
        for (long k = (1L << 32) + 1; n < colliding.length; k++) {
            if ((SourceKey.mix(k) & 63) == target) {
                colliding[n++] = k;
            }
        }
        long innocent = colliding[15];
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong lookups = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            int id = w;
            writers[w] = new Thread(() -> {
                await(start);
                for (int i = 0; i < 200_000; i++) {
                    long key = colliding[(i + id * 7) % 15];
                    table.ban(key, now + 1_000_000 + i, BanReason.RATE, 0, now);
                    if (i % 3 == 0) {
                        table.unban(key, now);
                    }
                }
            });
        }
        Thread reader = new Thread(() -> {
            await(start);
            for (int i = 0; i < 2_000_000; i++) {
                if (table.lookup(innocent, now) != null) {
                    failure.compareAndSet(null, "innocent key seen banned at lookup " + i);
                }
                lookups.incrementAndGet();
            }
        });
        for (Thread t : writers) {
            t.start();
        }
        reader.start();
        start.countDown();
        for (Thread t : writers) {
            t.join();
        }
        reader.join();
        assertNull(failure.get());
        assertEquals(2_000_000, lookups.get());
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
