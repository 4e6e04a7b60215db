package io.sbc.signaling.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransactionTimersTest {

    @Test
    void derivesRfc3261Table4AndRfc6026ValuesFromDefaults() {
        TransactionTimers t = TransactionTimers.defaults();
        assertEquals(500, t.timerAMillis());
        assertEquals(32_000, t.timerBMillis());
        assertEquals(181_000, t.timerCMillis());
        assertEquals(32_000, t.timerDMillis(false));
        assertEquals(500, t.timerEMillis());
        assertEquals(32_000, t.timerFMillis());
        assertEquals(500, t.timerGMillis());
        assertEquals(32_000, t.timerHMillis());
        assertEquals(5_000, t.timerIMillis(false));
        assertEquals(32_000, t.timerJMillis(false));
        assertEquals(5_000, t.timerKMillis(false));
        assertEquals(32_000, t.timerLMillis());
        assertEquals(32_000, t.timerMMillis());
    }

    @Test
    void makesWaitTimersZeroOnReliableTransports() {
        TransactionTimers t = TransactionTimers.defaults();
        assertEquals(0, t.timerDMillis(true));
        assertEquals(0, t.timerIMillis(true));
        assertEquals(0, t.timerJMillis(true));
        assertEquals(0, t.timerKMillis(true));
        // B, F, H, L, M do not depend on the transport.
        assertEquals(32_000, t.timerHMillis());
    }

    @Test
    void keepsTimerDAtLeast32SecondsAndAtLeast64T1() {
        TransactionTimers small = new TransactionTimers(Duration.ofMillis(100), Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertEquals(32_000, small.timerDMillis(false));
        assertEquals(6_400, small.timerBMillis());
        TransactionTimers large = new TransactionTimers(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertEquals(64_000, large.timerDMillis(false));
    }

    @Test
    void rejectsInconsistentBaseValues() {
        assertThrows(IllegalArgumentException.class,
                () -> new TransactionTimers(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class,
                () -> new TransactionTimers(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class,
                () -> new TransactionTimers(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> TransactionConfig.defaults().withTryingDelay(Duration.ofMillis(201)));
        assertThrows(IllegalArgumentException.class,
                () -> TransactionConfig.defaults().withMaxTransactions(0, 10));
    }
}
