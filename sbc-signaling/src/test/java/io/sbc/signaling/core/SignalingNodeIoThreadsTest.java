package io.sbc.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many event loops the signaling plane runs: half the cores, or the sbc.ioThreads property. */
class SignalingNodeIoThreadsTest {

    @Test
    void usesHalfTheCoresAndAtLeastOneWithoutTheProperty() {
        assertEquals(1, SignalingNode.ioThreads(null, 1));
        assertEquals(1, SignalingNode.ioThreads(null, 2));
        assertEquals(4, SignalingNode.ioThreads(null, 9));
    }

    @Test
    void takesTheSystemPropertyWhenItIsANumberFromOneTo256() {
        assertEquals(2, SignalingNode.ioThreads("2", 2));
        assertEquals(256, SignalingNode.ioThreads(" 256 ", 2));
    }

    @Test
    void fallsBackToTheDefaultOnAValueOutOfRangeOrNotANumber() {
        assertEquals(2, SignalingNode.ioThreads("0", 4));
        assertEquals(2, SignalingNode.ioThreads("257", 4));
        assertEquals(2, SignalingNode.ioThreads("two", 4));
    }

    @Test
    void edgeRunsAtRealTimePriorityOneWithTwoCpusOrMoreAndNormallyOnOne() {
        assertEquals(1, SignalingNode.edgePriority(null, 2));
        assertEquals(1, SignalingNode.edgePriority(null, 16));
        assertEquals(0, SignalingNode.edgePriority(null, 1));
    }

    @Test
    void edgePriorityTakesThePropertyFromZeroTo98ElseTheDefault() {
        assertEquals(0, SignalingNode.edgePriority("0", 4));
        assertEquals(98, SignalingNode.edgePriority(" 98 ", 4));
        assertEquals(1, SignalingNode.edgePriority("99", 4));
        assertEquals(1, SignalingNode.edgePriority("-1", 4));
        assertEquals(0, SignalingNode.edgePriority("high", 1));
    }
}
