package io.sbc.signaling.gate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverloadDetectorTest {
    private static final long MS = 1_000_000L;

    private final OverloadDetector d = new OverloadDetector(2, Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(20), Duration.ofSeconds(1), () -> 0);

    @Test
    void entersOverloadWhenOneLoopLagsPastTheThresholdForThreeTicksInARow() {
        d.onTick(0, 5 * MS, 0);
        d.onTick(1, 99 * MS, 0);
        assertFalse(d.refuseNewWork());
        d.onTick(1, 100 * MS, 50 * MS);
        d.onTick(1, 150 * MS, 100 * MS);
        assertFalse(d.refuseNewWork(), "two late ticks are a pause, not overload");
        d.onTick(1, 120 * MS, 150 * MS);
        assertTrue(d.refuseNewWork());
    }

    @Test
    void ignoresASinglePauseSuchAsAGcOrJitStall() {
        d.onTick(0, 400 * MS, 0);
        d.onTick(0, 3 * MS, 50 * MS);
        d.onTick(0, 250 * MS, 100 * MS);
        d.onTick(0, 2 * MS, 150 * MS);
        assertFalse(d.refuseNewWork(), "isolated late ticks must not refuse calls");
        assertEquals(0, d.episodes());
    }

    @Test
    void entersOnTheSecondLateTickWhenOneOfThemWasFiveTimesTheThresholdLateABacklog() {
        d.onTick(0, 500 * MS, 0);
        assertFalse(d.refuseNewWork(), "one very late tick may be a stall that is already over");
        d.onTick(0, 100 * MS, 600 * MS);
        assertTrue(d.refuseNewWork(), "still behind one tick later: a backlog");
    }

    @Test
    void entersWhenAVeryLateTickFollowsALateOne() {
        d.onTick(1, 400 * MS, 0);
        d.onTick(1, 600 * MS, 450 * MS);
        assertTrue(d.refuseNewWork());
    }

    @Test
    void doesNotEnterOnOneVeryLateTickFollowedByAnOnTimeOneAStallThatIsOver() {
        d.onTick(0, 2_000 * MS, 0); // the host descheduled the VM, or a first call's class loading
        d.onTick(0, 5 * MS, 2_055 * MS);
        d.onTick(0, 99 * MS, 2_150 * MS);
        d.onTick(0, 600 * MS, 2_800 * MS);
        d.onTick(0, 2 * MS, 2_850 * MS);
        assertFalse(d.refuseNewWork(), "isolated stalls, each over by the next tick, refuse no calls");
        assertEquals(0, d.episodes());
    }

    @Test
    void leavesOverloadOnlyAfterOneCalmSecond() {
        d.onTick(0, 300 * MS, 0);
        d.onTick(0, 300 * MS, 0);
        d.onTick(0, 300 * MS, 0);
        long now = 0;
        for (int i = 0; i < 20; i++) { // 50 ms ticks, lag between exit and enter: stays overloaded
            now += 50 * MS;
            d.onTick(0, 50 * MS, now);
        }
        assertTrue(d.refuseNewWork(), "lag between 20 and 100 ms keeps the loop overloaded (hysteresis)");
        for (int i = 0; i < 20; i++) {
            now += 50 * MS;
            d.onTick(0, 2 * MS, now);
        }
        assertTrue(d.refuseNewWork(), "calm for 950 ms only");
        now += 50 * MS;
        d.onTick(0, 2 * MS, now);
        assertFalse(d.refuseNewWork());
    }

    @Test
    void logsOneLineWhenAnEpisodeStartsAndOneWhenItEndsWithItsLengthAndWorstLag() {
        List<String> lines = logged(() -> {
            d.onTick(1, 120 * MS, 0);
            d.onTick(1, 130 * MS, 50 * MS);
            d.onTick(1, 110 * MS, 100 * MS);
            d.onTick(1, 340 * MS, 150 * MS);
            long now = 150 * MS;
            for (int i = 0; i < 22; i++) {
                now += 50 * MS;
                d.onTick(1, 2 * MS, now);
            }
        });
        assertFalse(d.refuseNewWork());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("WARN overload: event loop 1 (")
                && lines.get(0).contains("is 110 ms behind (3 ticks in a row at least 100 ms late)")
                && lines.get(0).contains("until every tick for 1000 ms is under 20 ms late"), lines.get(0));
        assertTrue(lines.get(1).startsWith("INFO overload over: event loop 1 (")
                && lines.get(1).contains("calm again after 1100 ms in overload (worst lag 340 ms)"), lines.get(1));
    }

    @Test
    void logsWhichRuleStartedAnEpisodeOfAVeryLateTickFollowedByALateOne() {
        assertEquals(List.of(), logged(() -> d.onTick(0, 600 * MS, 0)), "no episode yet");
        List<String> lines = logged(() -> d.onTick(0, 150 * MS, 700 * MS));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("is 150 ms behind (2 ticks in a row late, one of them at least 500 ms)"),
                lines.get(0));
    }

    /** The detector's log lines ("LEVEL message") while {@code ticks} runs. */
    private static List<String> logged(Runnable ticks) {
        Logger logger = (Logger) LoggerFactory.getLogger(OverloadDetector.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ticks.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
}
