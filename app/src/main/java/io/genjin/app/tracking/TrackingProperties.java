package io.genjin.app.tracking;

import io.genjin.tracking.InstrumentLimits;
import io.genjin.tracking.TrackingSettings;
import io.genjin.tracking.classify.Thresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Open and click tracking ({@code genjin.tracking.*}); docs/tracking.md explains each rule.
 *
 * @param baseUrl         public address recipients reach the pixel and links at ({@code GENJIN_TRACKING_BASE_URL})
 * @param key             HMAC key signing tokens: base64 of at least 32 bytes, optionally {@code id:}-prefixed
 *                        ({@code GENJIN_TRACKING_KEY}); on the embedded store a key file is made when unset
 * @param previousKeys    older keys whose tokens still verify (rotation), {@code id:base64}
 * @param catalogue       a scanner catalogue file replacing the built-in one (no rebuild needed)
 * @param deliveryWindow  hits this soon after sending are delivery-time scanners
 * @param scanWindow      a click this soon after sending without an open is a scanner
 * @param burstWindow     clicks on {@code burstLinks} distinct links within it are a scanner
 * @param burstLinks      distinct links that make a burst
 * @param openClickWindow an open and a click from one address this close are a sandbox
 * @param sessionGap      human opens further apart are separate reading sessions
 * @param quoteSessions   human sessions on a quotation that raise intent
 * @param clickIntent     whether a human click raises intent
 * @param queueCapacity   hits held in memory for the writer
 * @param batchSize       hits written per batch
 * @param ipRetention     raw client addresses are hashed after this
 * @param retentionCheck  how often the hashing job runs
 * @param timeZone        the day of "one intent task per message per day" (default: the server's)
 * @param instrument      how large one instrumenting call may be ({@code genjin.tracking.instrument.*})
 */
@ConfigurationProperties("genjin.tracking")
public record TrackingProperties(
        @DefaultValue("http://localhost:8080") String baseUrl,
        String key,
        @DefaultValue List<String> previousKeys,
        Path catalogue,
        @DefaultValue("15s") Duration deliveryWindow,
        @DefaultValue("2m") Duration scanWindow,
        @DefaultValue("2s") Duration burstWindow,
        @DefaultValue("3") int burstLinks,
        @DefaultValue("3s") Duration openClickWindow,
        @DefaultValue("30m") Duration sessionGap,
        @DefaultValue("2") int quoteSessions,
        @DefaultValue("true") boolean clickIntent,
        @DefaultValue("100000") int queueCapacity,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("30d") Duration ipRetention,
        @DefaultValue("1h") Duration retentionCheck,
        ZoneId timeZone,
        @DefaultValue Instrument instrument) {

    public TrackingProperties {
        // An empty GENJIN_TRACKING_CATALOGUE binds as an empty path: that means "the built-in one".
        catalogue = catalogue == null || catalogue.toString().isBlank() ? null : catalogue;
    }

    TrackingSettings settings() {
        return new TrackingSettings(baseUrl, new Thresholds(deliveryWindow, scanWindow, burstWindow, burstLinks, openClickWindow),
                sessionGap, quoteSessions, clickIntent, queueCapacity, batchSize, ipRetention,
                timeZone == null ? ZoneId.systemDefault() : timeZone,
                new InstrumentLimits(instrument.maxBodyChars(), instrument.maxRecipients(), instrument.maxOutputChars()));
    }

    /**
     * Each recipient gets a full copy of the body, so these bound what one signed-in request can make
     * the server build in memory.
     *
     * @param maxBodyChars   characters of HTML plus text
     * @param maxRecipients  recipients of one message
     * @param maxOutputChars characters of all copies together (body × recipients, plus links and pixels)
     */
    public record Instrument(@DefaultValue("2000000") int maxBodyChars, @DefaultValue("100") int maxRecipients,
            @DefaultValue("32000000") long maxOutputChars) {
    }
}
