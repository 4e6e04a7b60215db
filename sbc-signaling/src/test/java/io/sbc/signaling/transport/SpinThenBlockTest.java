package io.sbc.signaling.transport;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpinThenBlockTest {
    /** A clock that advances 1 µs per reading: the spin's deadline is reached without sleeping. */
    private static final class StepClock {
        long now;

        long read() {
            now += 1_000;
            return now;
        }
    }

    @Test
    void returnsTheReadyCountAsSoonAsAPollFindsWork() throws Exception {
        StepClock clock = new StepClock();
        int[] polls = {0};
        SpinThenBlock s = new SpinThenBlock(50_000, clock::read);
        int r = s.calculateStrategy(() -> ++polls[0] == 4 ? 2 : 0, false);
        assertEquals(2, r);
        assertEquals(4, polls[0]);
    }

    @Test
    void blocksAfterTheSpinWindowWhenNothingArrives() throws Exception {
        StepClock clock = new StepClock();
        int[] polls = {0};
        SpinThenBlock s = new SpinThenBlock(50_000, clock::read);
        assertEquals(SelectStrategy.SELECT, s.calculateStrategy(() -> {
            polls[0]++;
            return 0;
        }, false));
        // One clock reading per poll after the first: about 50 polls in a 50 µs window of 1 µs steps.
        assertEquals(50, polls[0]);
    }

    @Test
    void pollsOnceWithoutSpinningWhenTasksAreWaiting() throws Exception {
        int[] polls = {0};
        SpinThenBlock s = new SpinThenBlock(50_000, new StepClock()::read);
        assertEquals(0, s.calculateStrategy(() -> {
            polls[0]++;
            return 0;
        }, true));
        assertEquals(1, polls[0]);
    }

    @Test
    void blocksAtOnceWithNoSpinConfigured() throws Exception {
        int[] polls = {0};
        SpinThenBlock s = new SpinThenBlock(0, new StepClock()::read);
        assertEquals(SelectStrategy.SELECT, s.calculateStrategy(() -> {
            polls[0]++;
            return 0;
        }, false));
        assertEquals(0, polls[0]);
    }

    @Test
    void readsTheSpinFromThePropertyWithinBoundsElseTheDefault() {
        assertEquals(0, SpinThenBlock.spinNanos("0"));
        assertEquals(20_000, SpinThenBlock.spinNanos(" 20 "));
        assertEquals(0, SpinThenBlock.spinNanos(null), "off unless asked for");
        assertEquals(SpinThenBlock.DEFAULT_SPIN_MICROS * 1000L, SpinThenBlock.spinNanos("1001"));
        assertEquals(SpinThenBlock.DEFAULT_SPIN_MICROS * 1000L, SpinThenBlock.spinNanos("-1"));
        assertEquals(SpinThenBlock.DEFAULT_SPIN_MICROS * 1000L, SpinThenBlock.spinNanos("fast"));
    }
}
