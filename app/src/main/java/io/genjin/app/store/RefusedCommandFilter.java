package io.genjin.app.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps the embedded store's server-side copy of a duplicate-key refusal out of the log.
 *
 * <p>The server logs every command it refuses as an error with a stack trace. A duplicate key is a
 * normal answer here, not a fault: a lease another process holds (the atomic upsert on {@code _id}
 * that ShedLock and the mailbox leases rely on, on a real MongoDB too) or a message already stored.
 * The client gets the refusal and acts on it. Every other refused command is still logged.
 */
public final class RefusedCommandFilter extends TurboFilter {
    /** The logger the embedded server's command handler writes to. */
    static final String SERVER_LOGGER = "de.bwaldvogel.mongo.wire.MongoWireProtocolHandler";

    /** Installs the filter once in the running logback context; a no-op under another logging backend. */
    public static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        synchronized (RefusedCommandFilter.class) {
            if (context.getTurboFilterList().stream().noneMatch(RefusedCommandFilter.class::isInstance)) {
                RefusedCommandFilter filter = new RefusedCommandFilter();
                filter.setName("embedded-store-duplicate-keys");
                filter.start();
                context.addTurboFilter(filter);
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !SERVER_LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable cause = t;
        if (cause == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            cause = last;
        }
        return cause instanceof DuplicateKeyError ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
