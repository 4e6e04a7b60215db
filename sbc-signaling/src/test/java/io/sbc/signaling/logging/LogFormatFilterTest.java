package io.sbc.signaling.logging;

import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Only the appender of the selected format writes; the policy's choice switches it. */
class LogFormatFilterTest {
    private final LoggingEvent event = new LoggingEvent();

    private static LogFormatFilter filter(String format) {
        LogFormatFilter f = new LogFormatFilter();
        f.setFormat(format);
        return f;
    }

    @BeforeEach
    void withoutEnvironmentOverride() {
        assumeFalse(LogFormatFilter.environmentOverrides(), "SBC_LOG_FORMAT is set in this environment");
    }

    @AfterEach
    void backToText() {
        LogFormatFilter.select("text");
    }

    @Test
    void jsonPolicyLetsOnlyTheJsonAppenderWrite() {
        assertEquals("json", LogFormatFilter.select("JSON"));
        assertEquals(FilterReply.NEUTRAL, filter("json").decide(event));
        assertEquals(FilterReply.DENY, filter("text").decide(event));
    }

    @Test
    void textPolicyLetsOnlyTheTextAppenderWrite() {
        LogFormatFilter.select("json");
        assertEquals("text", LogFormatFilter.select("text"));
        assertEquals(FilterReply.NEUTRAL, filter("text").decide(event));
        assertEquals(FilterReply.DENY, filter("json").decide(event));
    }

    @Test
    void anUnknownFormatChangesNothing() {
        LogFormatFilter.select("json");
        assertEquals("json", LogFormatFilter.select("xml"));
        assertEquals("json", LogFormatFilter.select(null));
    }
}
