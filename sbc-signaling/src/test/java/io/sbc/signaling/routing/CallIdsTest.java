package io.sbc.signaling.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallIdsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7, 16, 64})
    void outboundCallIdLandsOnTheInboundLegsWorker(int workers) {
        for (int owner = 0; owner < workers; owner++) {
            for (int i = 0; i < 20; i++) {
                String id = CallIds.sameOwner(owner, workers);
                // The dispatcher's function: (hashCode & 0x7fffffff) % workers.
                assertEquals(owner, (id.hashCode() & 0x7fffffff) % workers, id);
                assertEquals(owner, CallIds.ownerIndex(id, workers));
            }
        }
    }

    @Test
    void callIdsAreFreshAndCarryNoHost() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = CallIds.sameOwner(i % 4, 4);
            assertTrue(seen.add(id), "repeated Call-ID " + id);
            assertFalse(id.contains("@"), id);
            assertTrue(id.length() >= 32, id);
        }
    }
}
