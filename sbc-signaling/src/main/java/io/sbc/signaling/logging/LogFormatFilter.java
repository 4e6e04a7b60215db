package io.sbc.signaling.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

import java.util.Locale;

/**
 * Picks the log line format at run time: {@code logback.xml} attaches a text and a JSON appender to
 * the root logger, each behind this filter with its own {@code <format>}; only the appender whose
 * format is selected writes. Switching is one volatile write, so the policy's
 * {@code node.log-format} can be applied at startup and on reload without resetting Logback (a reset
 * would drop the lines logged meanwhile).
 *
 * <p>Precedence: the environment variable {@code SBC_LOG_FORMAT} ({@code text} or {@code json}),
 * when set, wins over the policy; without it the format is {@code text} until {@link #select} is
 * called. Threads: {@link #select} from any thread; {@link #decide} on every logging thread.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
    public static final String TEXT = "text";
    public static final String JSON = "json";
    static final String ENV = "SBC_LOG_FORMAT";

    private static final String FROM_ENV = normalize(System.getenv(ENV));
    private static volatile String selected = FROM_ENV == null ? TEXT : FROM_ENV;

    private String format = TEXT;

    /** Set from the appender's {@code <format>} in logback.xml. */
    public void setFormat(String format) {
        String f = normalize(format);
        this.format = f == null ? TEXT : f;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return format.equals(selected) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /**
     * Selects the format the policy asks for ({@code text} or {@code json}, any case), unless
     * {@code SBC_LOG_FORMAT} is set. Returns the format in effect afterwards.
     */
    public static String select(String policyFormat) {
        String f = normalize(policyFormat);
        if (FROM_ENV == null && f != null) {
            selected = f;
        }
        return selected;
    }

    /** The format in effect. */
    public static String selected() {
        return selected;
    }

    /** True when {@code SBC_LOG_FORMAT} is set, so the policy's format is ignored. */
    public static boolean environmentOverrides() {
        return FROM_ENV != null;
    }

    private static String normalize(String s) {
        if (s == null) {
            return null;
        }
        String f = s.trim().toLowerCase(Locale.ROOT);
        return TEXT.equals(f) || JSON.equals(f) ? f : null;
    }
}
