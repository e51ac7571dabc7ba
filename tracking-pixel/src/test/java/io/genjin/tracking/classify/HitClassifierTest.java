package io.genjin.tracking.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.tracking.token.Token;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HitClassifierTest {
    private static final Instant SENT = Instant.parse("2026-03-02T08:00:00Z");
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private final HitClassifier classifier = new HitClassifier(ScannerCatalogue.builtIn(), Thresholds.defaults());

    static Stream<Arguments> recordedHits() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                HitClassifierTest.class.getResourceAsStream("/io/genjin/tracking/recorded-hits.psv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                cases.add(Arguments.of(f[5].trim(), f[0].trim(), f[1].trim(), f[2].trim(), Long.parseLong(f[3].trim()),
                        f[4].trim().equals("human")));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} from {2} \"{3}\"")
    @MethodSource("recordedHits")
    void recordedHitIsClassifiedAsItsSource(String reason, String kind, String ip, String userAgent, long seconds, boolean human) {
        Token.Kind k = kind.equals("open") ? Token.Kind.OPEN : Token.Kind.CLICK;
        // A click comes after an earlier open from elsewhere, so only the source decides.
        List<SeenHit> others = k == Token.Kind.CLICK ? List.of(new SeenHit(SENT.plusSeconds(1), Token.Kind.OPEN, -1, "h:other"))
                : List.of();
        Verdict verdict = classifier.classify(new HitFacts(k, false, false, false, false, ip, "h:" + ip, userAgent,
                SENT.plusSeconds(seconds), SENT, 0, 3, others));
        assertThat(verdict.reason()).isEqualTo(reason);
        assertThat(verdict.human()).isEqualTo(human);
        assertThat(verdict.confidence()).isBetween(0.5, 1.0);
    }

    @Test
    void everyScannerFamilyOfTheCatalogueHasARecordedCase() throws Exception {
        Set<String> recorded = recordedHits().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        Set<String> families = ScannerCatalogue.builtIn().families().stream().map(ScannerCatalogue.Family::code)
                .collect(Collectors.toSet());
        assertThat(recorded).containsAll(families);
    }

    @Test
    void headRequestsAndPrefetchesAreNeverHuman() {
        assertThat(classify(Token.Kind.OPEN, true, false, 3600, 0, List.of())).isEqualTo(Verdict.machine("prefetch", 1.0));
        assertThat(classify(Token.Kind.CLICK, false, true, 3600, 0, List.of())).isEqualTo(Verdict.machine("prefetch", 1.0));
    }

    @Test
    void theSendersOwnCopyAndTheSendersAddressAreTheSender() {
        assertThat(classifier.classify(new HitFacts(Token.Kind.OPEN, false, false, true, false, "203.0.113.1", "h:1", BROWSER,
                SENT.plusSeconds(600), SENT, -1, 1, List.of()))).isEqualTo(Verdict.machine("sender", 1.0));
        assertThat(classifier.classify(new HitFacts(Token.Kind.OPEN, false, false, false, true, "203.0.113.1", "h:1", BROWSER,
                SENT.plusSeconds(600), SENT, -1, 1, List.of())).reason()).isEqualTo("sender");
    }

    @Test
    void threeDistinctLinksWithinTwoSecondsAreABurstWhicheverClickIsJudged() {
        Instant t = SENT.plusSeconds(3600);
        List<SeenHit> clicks = List.of(new SeenHit(t.minusSeconds(10), Token.Kind.OPEN, -1, "h:a"),
                new SeenHit(t.plusMillis(700), Token.Kind.CLICK, 1, "h:b"), new SeenHit(t.plusMillis(1500), Token.Kind.CLICK, 2, "h:b"));
        assertThat(classifyAt(t, 0, 5, clicks).reason()).as("the first click, judged after the later ones arrived").isEqualTo("burst");
        List<SeenHit> slow = List.of(new SeenHit(t.minusSeconds(10), Token.Kind.OPEN, -1, "h:a"),
                new SeenHit(t.plusSeconds(30), Token.Kind.CLICK, 1, "h:b"), new SeenHit(t.plusSeconds(90), Token.Kind.CLICK, 2, "h:b"));
        assertThat(classifyAt(t, 0, 5, slow).human()).as("a person reading link after link").isTrue();
    }

    @Test
    void everyLinkOfTheMessageClickedInQuickSuccessionIsAScanner() {
        Instant t = SENT.plusSeconds(3600);
        List<SeenHit> others = List.of(new SeenHit(t.minusSeconds(30), Token.Kind.OPEN, -1, "h:a"),
                new SeenHit(t.plusSeconds(4), Token.Kind.CLICK, 1, "h:b"));
        assertThat(classifyAt(t, 0, 2, others).reason()).isEqualTo("all_links");
        assertThat(classifyAt(t, 0, 3, others).human()).as("two of three links is not all").isTrue();
    }

    @Test
    void anOpenAndAClickFromOneAddressWithinSecondsIsADetonation() {
        Instant t = SENT.plusSeconds(3600);
        List<SeenHit> others = List.of(new SeenHit(t.minusMillis(800), Token.Kind.OPEN, -1, "h:same"));
        assertThat(classifier.classify(new HitFacts(Token.Kind.CLICK, false, false, false, false, "198.51.100.1", "h:same",
                BROWSER, t, SENT, 0, 3, others)).reason()).isEqualTo("open_click_same_ip");
        assertThat(classifier.classify(new HitFacts(Token.Kind.CLICK, false, false, false, false, "198.51.100.1", "h:other",
                BROWSER, t, SENT, 0, 3, others)).human()).isTrue();
    }

    @Test
    void aClickWithoutAnyOpenAtDeliveryTimeIsAScannerButLaterItIsAPersonWithImagesOff() {
        assertThat(classify(Token.Kind.CLICK, false, false, 60, 0, List.of()).reason()).isEqualTo("click_without_open");
        assertThat(classify(Token.Kind.CLICK, false, false, 3600, 0, List.of()).human()).isTrue();
    }

    @Test
    void aCatalogueFileReplacesTheBuiltInOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalogue.yml");
        Files.writeString(file, """
                families:
                  - code: acme_gateway
                    name: ACME mail gateway
                    confidence: 0.99
                    ranges: [192.0.2.0/24]
                """);
        HitClassifier custom = new HitClassifier(ScannerCatalogue.fromFile(file), Thresholds.defaults());
        HitFacts fromAcme = new HitFacts(Token.Kind.OPEN, false, false, false, false, "192.0.2.44", "h", BROWSER,
                SENT.plusSeconds(3600), SENT, -1, 1, List.of());
        assertThat(custom.classify(fromAcme)).isEqualTo(Verdict.machine("acme_gateway", 0.99));
        assertThat(classifier.classify(fromAcme).human()).isTrue();
    }

    @Test
    void networksMatchIpv4Ipv6AndIpv4MappedAddresses() {
        assertThat(Cidr.parse("17.0.0.0/8").contains(Cidr.literal("::ffff:17.1.2.3").orElseThrow())).isTrue();
        assertThat(Cidr.parse("40.107.0.0/16").contains(Cidr.literal("40.108.0.1").orElseThrow())).isFalse();
        assertThat(Cidr.parse("2a01:111:f403::/48").contains(Cidr.literal("2a01:111:f403:ffff::1").orElseThrow())).isTrue();
        assertThat(Cidr.parse("52.238.78.88/32").contains(Cidr.literal("52.238.78.89").orElseThrow())).isFalse();
        assertThat(Cidr.literal("evil.example")).as("never a DNS lookup").isEmpty();
    }

    private Verdict classify(Token.Kind kind, boolean head, boolean prefetch, long seconds, int link, List<SeenHit> others) {
        return classifier.classify(new HitFacts(kind, head, prefetch, false, false, "198.51.100.200", "h:x", BROWSER,
                SENT.plusSeconds(seconds), SENT, link, 3, others));
    }

    private Verdict classifyAt(Instant at, int link, int links, List<SeenHit> others) {
        return classifier.classify(new HitFacts(Token.Kind.CLICK, false, false, false, false, "198.51.100.200", "h:x",
                BROWSER, at, SENT, link, links, others));
    }
}
