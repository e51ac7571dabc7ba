package io.genjin.tracking.classify;

import java.time.Duration;

/**
 * The classification rules' numbers.
 *
 * @param deliveryWindow  a hit this soon after sending is a gateway scanning the mail on delivery
 * @param scanWindow      a click this soon after sending, with no open before it, is a scanner
 * @param burstWindow     clicks on {@code burstLinks} distinct links within this window are a scanner
 * @param burstLinks      how many distinct links make a burst
 * @param openClickWindow an open and a click from the same address this close together are a detonation
 */
public record Thresholds(Duration deliveryWindow, Duration scanWindow, Duration burstWindow, int burstLinks,
        Duration openClickWindow) {

    public static Thresholds defaults() {
        return new Thresholds(Duration.ofSeconds(15), Duration.ofMinutes(2), Duration.ofSeconds(2), 3, Duration.ofSeconds(3));
    }

    /** All links of a message clicked within this window (several bursts) is a scanner too. */
    public Duration allLinksWindow() {
        return burstWindow.multipliedBy(5);
    }
}
