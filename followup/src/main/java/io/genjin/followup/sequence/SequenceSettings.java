package io.genjin.followup.sequence;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Sequence delivery settings.
 *
 * @param publicUrl        the address recipients reach Genjin at, for the unsubscribe link
 * @param unsubscribeKey   HMAC key signing unsubscribe tokens (at least 32 bytes)
 * @param hostname         the domain part of the Message-IDs of sequence mail
 * @param mailboxDailyCap  steps one mailbox sends per day at most
 * @param domainDailyCap   steps sent to one recipient domain per day at most (whole team)
 * @param minGap           shortest pause between two sends from one mailbox
 * @param maxGap           longest such pause
 * @param capZone          the zone whose calendar days the caps count
 * @param defaultZone      the recipient zone when neither override nor country tells
 * @param defaultPostpone  how long an out-of-office reply without a return date postpones
 * @param lease            how long a runner holds an enrolment it works on
 */
public record SequenceSettings(String publicUrl, byte[] unsubscribeKey, String hostname, int mailboxDailyCap,
        int domainDailyCap, Duration minGap, Duration maxGap, ZoneId capZone, ZoneId defaultZone,
        Duration defaultPostpone, Duration lease) {

    public SequenceSettings {
        if (unsubscribeKey == null || unsubscribeKey.length < 32) {
            throw new IllegalArgumentException("the unsubscribe key needs at least 32 bytes");
        }
        if (mailboxDailyCap < 1 || domainDailyCap < 1) {
            throw new IllegalArgumentException("daily caps must be at least 1");
        }
        if (minGap.isNegative() || maxGap.compareTo(minGap) < 0) {
            throw new IllegalArgumentException("the gap must satisfy 0 <= min <= max");
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the lease must be positive");
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        unsubscribeKey = unsubscribeKey.clone();
    }

    public static SequenceSettings defaults(String publicUrl, byte[] key) {
        return new SequenceSettings(publicUrl, key, "genjin.local", 200, 20, Duration.ofSeconds(60),
                Duration.ofSeconds(180), ZoneId.of("Asia/Shanghai"), ZoneId.of("UTC"), Duration.ofDays(7),
                Duration.ofMinutes(5));
    }
}
