package io.sbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledWarningTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.throttled-warning");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private long nowNanos = 1_000_000_000L;

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void logsOneLinePerIntervalAndCountsTheOnesLeftOut() {
        ThrottledWarning w = new ThrottledWarning(logger, "relay command failed", 10_000, () -> nowNanos);
        for (int i = 0; i < 1000; i++) {
            w.warn("add " + i + ": errno 24");
            nowNanos += 1_000_000L; // 1 ms apart: 1,000 in 1 s
        }
        assertEquals(List.of("relay command failed: add 0: errno 24"), lines());

        nowNanos += 9_000_000_000L; // 10 s after the first line
        w.warn("remove 7: unknown stream 7");
        assertEquals("relay command failed: remove 7: unknown stream 7 (999 more since the last line; at most one"
                + " line every 10 s)", lines().get(1));

        nowNanos += 10_000_000_000L;
        w.warn("add 8: errno 24");
        assertEquals("relay command failed: add 8: errno 24", lines().get(2), "nothing left out in between");
        assertEquals(3, lines().size());
    }
}
