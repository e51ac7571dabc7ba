package io.genjin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import io.genjin.testing.MutableClock;
import io.genjin.tracking.classify.ScannerCatalogue;
import io.genjin.tracking.classify.Thresholds;
import io.genjin.tracking.token.TrackingTokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Not an open redirect: a click either leads to the URL stored for the link its token was signed
 * for, or nowhere. Each input instruments a message whose links the fuzzer writes (hostile schemes,
 * protocol-relative and backslash URLs, header-splitting characters among them), then clicks with
 * the tokens it was given, edited ones, or text of its own. Any redirect must be to exactly the URL
 * signed for that token, absolute http(s) with a host, with nothing that could split a header.
 */
class ClickRedirectFuzzTest {
    private static final String BASE = "https://t.example";
    private static final Pattern CLICK = Pattern.compile(Pattern.quote(BASE + "/t/c/") + "([A-Za-z0-9._-]+)");
    private static final String[] HOSTILE = {"https://shop.example/p?id=1", "http://a.example/x#y", "javascript:alert(1)",
        "//evil.example/", "https:\\\\evil.example", "https://evil.example%0d%0aSet-Cookie:x", "data:text/html,x",
        "https://ok.example/\r\nLocation: https://evil.example", "mailto:a@b.example", "https://user@evil.example",
        "HTTPS://UPPER.EXAMPLE/", "http://[::1]/", "https://例子.example/路径", "/relative", "https://"};
    private static final Map<String, String> SIGNED = new ConcurrentHashMap<>();
    private static final AtomicLong messages = new AtomicLong();
    private static EmbeddedMongo mongo;
    private static Tracking tracking;
    private static TrackHits hits;
    private static User rep;

    @BeforeAll
    static void start() {
        mongo = new EmbeddedMongo();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
        CrmStore store = CrmStore.over(mongo.template(), clock, CrmStore.Backend.EMBEDDED);
        TrackingTokens tokens = new TrackingTokens(Map.of("k1", "0123456789abcdef0123456789abcdef".getBytes()), "k1");
        TrackingSettings settings = new TrackingSettings(BASE, Thresholds.defaults(), Duration.ofMinutes(30), 2, true,
                10_000, 100, Duration.ofDays(30), ZoneOffset.UTC, new InstrumentLimits(20_000, 3, 200_000));
        tracking = new Tracking(store, mongo.template(), tokens, settings, ScannerCatalogue.builtIn(),
                TrackingTexts.ENGLISH, event -> { });
        hits = tracking.startHits(Duration.ofHours(1));
        rep = store.users().create("Li Lei", List.of("lilei@factory.example"), Role.REP, null, null, "zh-CN");
    }

    @AfterAll
    static void stop() {
        hits.close();
        mongo.close();
    }

    @FuzzTest(maxDuration = "10s")
    void aClickRedirectsOnlyToTheLinkItsSignedTokenNames(FuzzedDataProvider data) {
        // The test talks to its own servers on loopback and nothing else: not an SSRF finding. (Set
        // here, not in @BeforeAll: the fuzzer's hooks are only in place once the fuzz test runs.)
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.startsWith("127."));
        List<String> hrefs = new ArrayList<>();
        StringBuilder html = new StringBuilder("<html><body>");
        for (int n = data.consumeInt(0, 4); n > 0; n--) {
            String href = data.consumeBoolean() ? HOSTILE[data.consumeInt(0, HOSTILE.length - 1)] : data.consumeString(120);
            hrefs.add(href);
            html.append("<a href=\"").append(href.replace("\"", "&quot;")).append("\">").append(data.consumeString(20))
                    .append("</a>");
        }
        html.append(data.consumeString(200)).append("</body></html>");
        InstrumentedMessage instrumented = tracking.instrument(new InstrumentRequest("<fuzz-" + messages.incrementAndGet()
                + "@factory.example>", rep.id(), null, null, data.consumeBoolean(), "Quote", html.toString(), null,
                List.of("anna@acme.example"), null));
        List<String> issued = new ArrayList<>();
        for (InstrumentedMessage.RecipientCopy copy : copiesOf(instrumented)) {
            Matcher m = CLICK.matcher(copy.html());
            while (m.find()) {
                String token = m.group(1);
                int link = Integer.parseInt(token.split("\\.")[2], 36);
                SIGNED.put(token, instrumented.links().get(link));
                issued.add(token);
            }
        }
        for (int clicks = data.consumeInt(1, 3); clicks > 0; clicks--) {
            String token;
            if (!issued.isEmpty() && data.consumeBoolean()) {
                StringBuilder t = new StringBuilder(issued.get(data.consumeInt(0, issued.size() - 1)));
                if (data.consumeBoolean() && !t.isEmpty()) {
                    t.setCharAt(data.consumeInt(0, t.length() - 1), data.consumeChar());
                }
                token = t.toString();
            } else {
                token = data.consumeString(130);
            }
            Optional<String> target = hits.click(new IncomingHit(token, "203.0.113.9", "Mozilla/5.0", false, false,
                    Instant.parse("2026-03-02T09:00:00Z")));
            if (target.isPresent()) {
                String url = target.get();
                assertThat(SIGNED.get(token)).as("redirect for a token never signed: %s", token).isEqualTo(url);
                URI uri = URI.create(url);
                assertThat(uri.getScheme()).matches("(?i)https?");
                assertThat(uri.getHost()).isNotBlank();
                assertThat(url).doesNotContain("\r", "\n", "\\");
            }
        }
        if (SIGNED.size() > 100_000) {
            SIGNED.clear();
        }
    }

    private static List<InstrumentedMessage.RecipientCopy> copiesOf(InstrumentedMessage m) {
        List<InstrumentedMessage.RecipientCopy> all = new ArrayList<>(m.recipients());
        all.add(m.senderCopy());
        return all;
    }
}
