package io.sbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sbc.media.io.MemoryDatagramTransport;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The facade's command routing with real worker threads. Only the workers touch the in-memory
 * transport (this test sends no packets), so its single-thread rule holds.
 */
@Timeout(20)
class MediaRelayTest {

    private final MediaRelay relay;

    MediaRelayTest() throws Exception {
        relay = MediaRelay.start(RelayConfig.defaults().withWorkers(3).withTransport(new MemoryDatagramTransport()),
                (id, call, silent) -> { });
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    private static RelayStreamSpec spec(long id, String callId, int port) {
        return new RelayStreamSpec(id, callId,
                RelayLegSpec.of(MemoryRelay.A_RELAY.getAddress(), port, true, null),
                RelayLegSpec.of(MemoryRelay.B_RELAY.getAddress(), port, true, null));
    }

    @Test
    void routesEveryCommandToTheWorkerThatOwnsTheStream() throws Exception {
        for (int i = 0; i < 12; i++) {
            assertEquals(30_000 + 2 * i, relay.addStream(spec(i, "call-" + i, 30_000 + 2 * i)).get(5, TimeUnit.SECONDS).aRtp());
        }
        for (int i = 0; i < 12; i++) {
            assertEquals("call-" + i, relay.queryStream(i).get(5, TimeUnit.SECONDS).callId());
            relay.updateStream(spec(i, "call-" + i, 30_000 + 2 * i)).get(5, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 12; i++) {
            relay.removeStream(i).get(5, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (relay.totals().streamsActive() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, relay.totals().streamsActive());
    }

    @Test
    void duplicateAndUnknownStreamsFailTheirFutures() throws Exception {
        relay.addStream(spec(1, "c", 30_000)).get(5, TimeUnit.SECONDS);
        ExecutionException dup = assertThrows(ExecutionException.class,
                () -> relay.addStream(spec(1, "c", 30_100)).get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, dup.getCause());
        assertThrows(ExecutionException.class, () -> relay.updateStream(spec(9, "c", 30_200)).get(5, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> relay.removeStream(9).get(5, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> relay.queryStream(9).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailedBindLeavesNoOwnerBehind() throws Exception {
        relay.addStream(spec(1, "same-call", 30_000)).get(5, TimeUnit.SECONDS);
        // Same Call-ID, so same worker and same in-memory port space: the bind fails.
        assertThrows(ExecutionException.class, () -> relay.addStream(spec(2, "same-call", 30_000)).get(5, TimeUnit.SECONDS));
        assertEquals(30_010, relay.addStream(spec(2, "same-call", 30_010)).get(5, TimeUnit.SECONDS).aRtp());
    }
}
