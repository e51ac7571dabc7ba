package io.genjin.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * What one logger writes while a test listens, for tests of what an operator reads in the log. Events
 * from any thread are kept in order; {@link #close()} stops listening.
 *
 * <pre>{@code
 * try (LogLines log = LogLines.of(IngestionPipeline.class)) {
 *     pipeline.ingest(mail, source);
 *     assertThat(log.messages()).singleElement()...;
 * }
 * }</pre>
 */
public final class LogLines implements AutoCloseable {
    private final Logger logger;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    };

    private LogLines(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    /** Listens to the logger of this class. */
    public static LogLines of(Class<?> type) {
        return of(type.getName());
    }

    /** Listens to the logger of this name. */
    public static LogLines of(String name) {
        return new LogLines((Logger) LoggerFactory.getLogger(name));
    }

    /** Every event so far, in order. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** The formatted message of every event so far, in order. */
    public List<String> messages() {
        return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The events at this level or above. */
    public List<ILoggingEvent> atLeast(Level level) {
        return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
