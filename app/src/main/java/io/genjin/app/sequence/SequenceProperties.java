package io.genjin.app.sequence;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sequence sending ({@code genjin.sequences.*}); docs/sequences.md explains each.
 *
 * @param enabled          run the sequence scan in this server
 * @param publicUrl        where recipients reach Genjin (the unsubscribe link); {@code GENJIN_PUBLIC_URL}
 * @param unsubscribeKey   base64 HMAC key (32+ bytes) for unsubscribe tokens; empty: one kept in the store
 * @param mailboxDailyCap  steps one mailbox sends per day at most
 * @param domainDailyCap   steps the team sends to one recipient domain per day at most
 * @param minGap           shortest pause between two sends from one mailbox
 * @param maxGap           longest such pause
 * @param capTimeZone      the calendar the daily caps count in
 * @param defaultTimeZone  the recipient's zone when neither an override nor the country tells
 * @param defaultPostpone  an out-of-office reply without a return date postpones by this
 * @param scanInterval     how often due steps are looked for; 0 turns the scan off (tests)
 * @param messageIdDomain  the domain part of the Message-IDs of sequence mail
 * @param lease            how long a runner holds an enrolment it works on: a runner that died
 *                         mid-send (a crash) leaves it claimed this long
 */
@ConfigurationProperties("genjin.sequences")
public record SequenceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("http://localhost:8080") String publicUrl,
        String unsubscribeKey,
        @DefaultValue("200") int mailboxDailyCap,
        @DefaultValue("20") int domainDailyCap,
        @DefaultValue("60s") Duration minGap,
        @DefaultValue("180s") Duration maxGap,
        @DefaultValue("Asia/Shanghai") ZoneId capTimeZone,
        @DefaultValue("UTC") ZoneId defaultTimeZone,
        @DefaultValue("7d") Duration defaultPostpone,
        @DefaultValue("15s") Duration scanInterval,
        @DefaultValue("genjin.local") String messageIdDomain,
        @DefaultValue("5m") Duration lease) {
}
