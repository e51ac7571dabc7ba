package io.genjin.tracking.classify;

import io.genjin.tracking.token.Token;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a hit is a person at the customer. The rules, in order; the first that applies
 * decides:
 *
 * <ol>
 * <li>{@code prefetch} — a HEAD request, or a browser prefetch ({@code Purpose}/{@code Sec-Purpose}).</li>
 * <li>{@code sender} — the sender's own copy of the mail, or an address seen opening one.</li>
 * <li>the catalogue — a known proxy (Gmail, Yahoo: human) or scanner (Apple MPP, Safe Links, Mimecast,
 *     Proofpoint, Barracuda, IronPort, bots) by user agent or network.</li>
 * <li>{@code too_soon} — within seconds of sending: a gateway scanning on delivery.</li>
 * <li>for clicks: {@code burst} — several distinct links within two seconds; {@code all_links} —
 *     every link of the message in quick succession; {@code open_click_same_ip} — an open and a click
 *     from one address within seconds (a sandbox detonating the mail); {@code click_without_open} —
 *     a click at delivery time with no open before it.</li>
 * <li>otherwise {@code human}, surer when the user agent is a browser or mail client.</li>
 * </ol>
 */
public final class HitClassifier {
    private static final Pattern CLIENT = Pattern.compile("(?i)mozilla/|outlook|thunderbird|foxmail|applewebkit|dalvik");
    private final ScannerCatalogue catalogue;
    private final Thresholds thresholds;

    public HitClassifier(ScannerCatalogue catalogue, Thresholds thresholds) {
        this.catalogue = catalogue;
        this.thresholds = thresholds;
    }

    public Verdict classify(HitFacts hit) {
        if (hit.head() || hit.prefetch()) {
            return Verdict.machine("prefetch", 1.0);
        }
        if (hit.senderCopy()) {
            return Verdict.machine("sender", 1.0);
        }
        if (hit.senderIp()) {
            return Verdict.machine("sender", 0.9);
        }
        var known = catalogue.match(hit.kind(), hit.ip(), hit.userAgent());
        if (known.isPresent()) {
            return known.get().verdict();
        }
        Duration sinceSent = hit.sentAt() == null ? Duration.ofDays(365) : Duration.between(hit.sentAt(), hit.at());
        if (sinceSent.compareTo(thresholds.deliveryWindow()) < 0) {
            return Verdict.machine("too_soon", 0.8);
        }
        if (hit.kind() == Token.Kind.CLICK) {
            Verdict click = clickRules(hit, sinceSent);
            if (click != null) {
                return click;
            }
        }
        boolean client = hit.userAgent() != null && CLIENT.matcher(hit.userAgent()).find();
        return Verdict.human("human", client ? 0.8 : 0.6);
    }

    private Verdict clickRules(HitFacts hit, Duration sinceSent) {
        if (distinctLinksClicked(hit, thresholds.burstWindow()) >= thresholds.burstLinks()) {
            return Verdict.machine("burst", 0.9);
        }
        if (hit.linkCount() >= 2 && distinctLinksClicked(hit, thresholds.allLinksWindow()) >= hit.linkCount()) {
            return Verdict.machine("all_links", 0.85);
        }
        boolean openedBefore = false;
        for (SeenHit other : hit.others()) {
            if (other.kind() != Token.Kind.OPEN) {
                continue;
            }
            if (hit.ipHash() != null && hit.ipHash().equals(other.ipHash())
                    && within(other.at(), hit.at(), thresholds.openClickWindow())) {
                return Verdict.machine("open_click_same_ip", 0.75);
            }
            openedBefore |= !other.at().isAfter(hit.at());
        }
        if (!openedBefore && sinceSent.compareTo(thresholds.scanWindow()) < 0) {
            return Verdict.machine("click_without_open", 0.8);
        }
        return null;
    }

    /** Distinct links clicked within the window either side of this click, this one included. */
    private static int distinctLinksClicked(HitFacts hit, Duration window) {
        Set<Integer> links = new HashSet<>();
        links.add(hit.link());
        for (SeenHit other : hit.others()) {
            if (other.kind() == Token.Kind.CLICK && within(other.at(), hit.at(), window)) {
                links.add(other.link());
            }
        }
        return links.size();
    }

    private static boolean within(Instant a, Instant b, Duration window) {
        return Duration.between(a, b).abs().compareTo(window) <= 0;
    }

    public ScannerCatalogue catalogue() {
        return catalogue;
    }
}
