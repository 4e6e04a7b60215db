package io.sbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;

class RelayConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        RelayConfig c = RelayConfig.defaults();
        assertEquals(1, c.workers());
        assertEquals("hybrid", c.idle());
        assertEquals(Duration.ofSeconds(60), c.mediaTimeout());
        assertEquals(Duration.ofSeconds(3), c.learningWindow());
        assertEquals(16, c.commandDrainLimit());
        assertEquals(1024, c.commandQueueCapacity());
        assertInstanceOf(BackoffIdleStrategy.class, c.newIdleStrategy());
        assertInstanceOf(BusySpinIdleStrategy.class, c.withIdle("spin").newIdleStrategy());
        assertEquals("block", c.withIdle("block").idle());
        assertInstanceOf(BackoffIdleStrategy.class, c.withIdle("backoff").newIdleStrategy());
    }

    @Test
    void rejectsOutOfRangeSettingsBeforeAnyThreadStarts() {
        RelayConfig c = RelayConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> c.withIdle("yield"));
        assertThrows(IllegalArgumentException.class, () -> c.withWorkers(0));
        assertThrows(IllegalArgumentException.class, () -> c.withWorkers(65));
        assertThrows(IllegalArgumentException.class, () -> c.withCommandQueue(8, 9));
        assertThrows(IllegalArgumentException.class,
                () -> c.withMediaTimeout(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> c.withMediaTimeout(Duration.ZERO, Duration.ofMillis(1)));
    }

    @Test
    void endpointLearningParsesRtpengineNames() {
        assertEquals(EndpointLearning.HEURISTIC, EndpointLearning.parse("heuristic"));
        assertEquals(EndpointLearning.DELAYED, EndpointLearning.parse("Delayed"));
        assertNull(EndpointLearning.parse("sometimes"));
    }

    @Test
    void legSpecRejectsImpossibleValues() {
        var local = MemoryRelay.A_RELAY.getAddress();
        assertThrows(IllegalArgumentException.class, () -> RelayLegSpec.of(local, 70_000, true, null));
        assertThrows(IllegalArgumentException.class, () -> new RelayLegSpec(local, 30_000, true, 0, null, null, null,
                false, EndpointLearning.DELAYED, true, null, null, 0, 101, null));
        assertThrows(IllegalArgumentException.class, () -> new RelayLegSpec(local, 30_000, true, 0, null, null, null,
                false, EndpointLearning.DELAYED, true, null, null, 8000, 128, null));
    }
}
