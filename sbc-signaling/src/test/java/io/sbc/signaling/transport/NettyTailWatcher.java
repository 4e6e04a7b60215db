package io.sbc.signaling.transport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Captures what Netty's pipeline tail logs: "An exceptionCaught() event was fired, and it reached at
 * the tail of the pipeline" (WARN) and "Discarded inbound message" (DEBUG). Any entry means something
 * escaped our terminal handler.
 */
final class NettyTailWatcher implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline");
    /** Paranoid leak detection (the test JVM flag) reports unreleased buffers here at ERROR. */
    private final Logger leakLogger = (Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
    private final Level previous = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    NettyTailWatcher() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        leakLogger.addAppender(appender);
    }

    List<String> events() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        leakLogger.detachAppender(appender);
        logger.setLevel(previous);
    }
}
