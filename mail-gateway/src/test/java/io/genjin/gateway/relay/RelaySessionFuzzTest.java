package io.genjin.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.genjin.gateway.mime.MailParser;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.smtp.FuzzedSmtpSession;
import io.genjin.gateway.smtp.FuzzedSmtpSession.Step;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever a client says, the relay answers only with its documented replies, moves no mail before
 * STARTTLS and a successful AUTH, and delivers upstream only the signed-in user's own mail (envelope
 * and From: header). The real relay with the real pipeline and sender over an in-memory store, its
 * upstream a fake provider server. Seeds are session scripts ({@link FuzzedSmtpSession}); the
 * placeholder {@code $PASS} stands for the relay password the test issued.
 */
class RelaySessionFuzzTest {
    private static final Set<String> VERBS_THAT_MOVE_MAIL = Set.of("MAIL", "RCPT", "DATA");
    private static FakeUpstream upstream;
    private static RelayFixture fixture;
    private static SmtpRelay relay;
    private static String password;
    private static SSLContext trustAll;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream(RelayFixture.REP, RelayFixture.UPSTREAM_PASSWORD);
        fixture = new RelayFixture(upstream.port());
        relay = fixture.startRelay();
        password = fixture.issuePassword();
        trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new TrustAll()}, null);
    }

    @AfterAll
    static void stop() {
        fixture.close();
        upstream.close();
    }

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"EHLO ", "STARTTLS", "AUTH PLAIN =", "AUTH LOGIN", "$PASS", "MAIL FROM:<", "RCPT TO:<",
        "DATA", "RSET", "NOOP", "QUIT", "lilei@team.example", "sales@team.example", "boss@team.example",
        "hans@acme-trading.de", "From: ", "Subject: Quotation", "\\x0A.\\x0A"})
    void anySessionMovesMailOnlyForTheSignedInUsersOwnAddresses(byte[] script) throws IOException {
        // The test talks to its own servers on loopback and nothing else: not an SSRF finding. (Set
        // here, not in @BeforeAll: the fuzzer's hooks are only in place once the fuzz test runs.)
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.startsWith("127."));
        int before = upstream.received.size();
        List<Step> steps;
        try (FuzzedSmtpSession session = new FuzzedSmtpSession(relay.port())) {
            steps = session.run(script, line -> line.replace("$PASS", password), plain -> {
                SSLSocket secure = (SSLSocket) trustAll.getSocketFactory().createSocket(plain, "127.0.0.1",
                        plain.getPort(), true);
                secure.setUseClientMode(true);
                secure.startHandshake();
                return secure;
            });
            boolean signedIn = false;
            int accepted = 0;
            for (Step step : steps) {
                String verb = step.command().trim().split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                signedIn |= verb.equals("AUTH") && step.code() == 235;
                if (VERBS_THAT_MOVE_MAIL.contains(verb) && !signedIn) {
                    assertThat(step.code()).as("%s before AUTH\n%s", verb, session.transcript())
                            .isNotIn(250, 251, 354);
                }
                if (verb.equals("DATA") && step.code() == 250) {
                    accepted++;
                }
            }
            if (accepted == 0) {
                // (A retried Message-ID may be acknowledged without a second delivery, so only this way round.)
                assertThat(upstream.received.size()).as("delivered upstream without a 250\n%s", session.transcript())
                        .isEqualTo(before);
            }
        }
        for (FakeUpstream.Received delivered : upstream.received.subList(before, upstream.received.size())) {
            assertThat(fixture.li.addresses()).contains(delivered.from());
            List<String> from = new MailParser().headers(new ByteArrayInputStream(delivered.message()
                    .getBytes(StandardCharsets.UTF_8))).getOrDefault("from", List.of()).stream()
                    .flatMap(v -> MailParser.addresses(v).stream()).map(ParsedMail.Address::address)
                    .map(a -> a == null ? "" : a.toLowerCase(Locale.ROOT)).toList();
            assertThat(from).as("From: of what went upstream").isNotEmpty().isSubsetOf(fixture.li.addresses());
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
