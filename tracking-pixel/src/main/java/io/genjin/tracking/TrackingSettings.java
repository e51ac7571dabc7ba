package io.genjin.tracking;

import io.genjin.tracking.classify.Thresholds;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How tracking behaves.
 *
 * @param baseUrl        public address of the tracking endpoints, as recipients reach them ({@code https://t.example.com})
 * @param thresholds     the machine-hit rules' numbers
 * @param sessionGap     human opens further apart than this are separate reading sessions
 * @param quoteSessions  a quotation read in this many human sessions raises intent
 * @param clickIntent    whether a human click raises intent
 * @param queueCapacity  hits held in memory for the writer; beyond it hits are counted as dropped
 * @param batchSize      hits written per batch
 * @param ipRetention    raw client addresses are replaced by keyed hashes after this
 * @param zone           the day in the intent task's dedupe key ("one per message per day") is in this zone
 * @param limits         how large one instrumenting call may be
 */
public record TrackingSettings(String baseUrl, Thresholds thresholds, Duration sessionGap, int quoteSessions,
        boolean clickIntent, int queueCapacity, int batchSize, Duration ipRetention, ZoneId zone, InstrumentLimits limits) {

    public TrackingSettings {
        limits = limits == null ? InstrumentLimits.defaults() : limits;
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (quoteSessions < 1 || queueCapacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("quote-sessions, queue-capacity and batch-size must be at least 1");
        }
    }

    public static TrackingSettings defaults(String baseUrl) {
        return new TrackingSettings(baseUrl, Thresholds.defaults(), Duration.ofMinutes(30), 2, true, 100_000, 1_000,
                Duration.ofDays(30), ZoneId.systemDefault(), InstrumentLimits.defaults());
    }
}
