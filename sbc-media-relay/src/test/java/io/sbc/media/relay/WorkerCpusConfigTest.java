package io.sbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerCpusConfigTest {

    @Test
    void pinningIsOffByDefault() {
        assertTrue(RelayConfig.defaults().workerCpus().isEmpty());
        assertEquals(-1, RelayConfig.defaults().withWorkers(3).cpuForWorker(2));
    }

    @Test
    void cpuListsParseAsTasksetWritesThem() {
        assertEquals(List.of(1, 2), RelayConfig.parseCpuList("1,2"));
        assertEquals(List.of(0, 4, 5, 6), RelayConfig.parseCpuList("0, 4-6"));
        assertEquals(List.of(), RelayConfig.parseCpuList(" "));
    }

    @Test
    void badCpuListsAreRejectedNamingTheElement() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelayConfig.parseCpuList("1,x"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.parseCpuList("3-1"));
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.parseCpuList("-1"));
        assertThrows(IllegalArgumentException.class, () -> RelayConfig.defaults().withWorkerCpus(List.of(5000)));
    }

    @Test
    void workersTakeTheListRoundRobin() {
        RelayConfig c = RelayConfig.defaults().withWorkers(3).withWorkerCpus(List.of(1, 2));
        assertEquals(1, c.cpuForWorker(0));
        assertEquals(2, c.cpuForWorker(1));
        assertEquals(1, c.cpuForWorker(2));
        assertEquals(List.of(1, 2), c.withIdle("spin").workerCpus(), "kept by the other withers");
    }
}
