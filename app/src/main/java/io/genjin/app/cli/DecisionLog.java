package io.genjin.app.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The import's decision log (a line for every message and its linking, in a file beside the data),
 * written in blocks rather than a write to the file for every line. Logback's file appender flushes
 * after each line by default: over an import, some 80,000 writes, a twentieth of the pipeline
 * thread's time. Here the lines gather in the appender's buffer (8 KB) and reach the file when it is
 * full, at {@link #finish()} once the import is done, and when logging stops with the process. A
 * process killed in the middle of an import loses at most the buffer's last lines of the log; the mail
 * itself is stored as durably as before.
 */
final class DecisionLog {
    private final List<FileAppender<?>> files;

    private DecisionLog(List<FileAppender<?>> files) {
        this.files = files;
    }

    /** Buffers the root logger's file appenders (none, when logging is not Logback's). */
    static DecisionLog buffered() {
        List<FileAppender<?>> files = new ArrayList<>();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            Iterator<Appender<ILoggingEvent>> appenders = logback.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
            while (appenders.hasNext()) {
                if (appenders.next() instanceof FileAppender<?> file) {
                    file.setImmediateFlush(false);
                    files.add(file);
                }
            }
        }
        return new DecisionLog(files);
    }

    /** Writes what is buffered to the file; from here on every line is written as it comes, as before. */
    void finish() {
        for (FileAppender<?> file : files) {
            file.setImmediateFlush(true);
            OutputStream out = file.getOutputStream();
            if (out == null) {
                continue;
            }
            try {
                out.flush(); // the appender's buffered stream: its writes and flushes are synchronized
            } catch (IOException e) {
                // the appender reports its own write errors; the next line's flush tries again
            }
        }
    }
}
