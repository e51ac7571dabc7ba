package io.genjin.gateway.relay;

import static io.genjin.gateway.relay.RelayFixture.PIXEL;
import static io.genjin.gateway.relay.RelayFixture.REP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.gateway.smtp.InstalledTool;
import io.genjin.store.relay.OutboundMail;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay between real Debian SMTP tools: swaks (and Postfix's smtp-source) as the salesperson's
 * client, Postfix's smtp-sink as the provider's server, told to accept, or to answer the end of
 * DATA with a 4xx or 5xx. Loopback only. (swaks marks replies read over TLS {@code <~}, refusals {@code <~*}.)
 */
class RelayInteropIT {
    private static final String BUYER = "hans@acme-trading.de";
    private Process sink;
    private Path dumps;
    private RelayFixture f;
    private SmtpRelay relay;
    private String password;

    private void start(String... sinkOptions) throws Exception {
        InstalledTool smtpSink = InstalledTool.require("smtp-sink", "postfix");
        dumps = Files.createTempDirectory("relay-sink-");
        Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // -a: no SASL announced (smtp-sink does not implement AUTH; the login itself is covered by RelayTest).
        List<String> command = new ArrayList<>(List.of(smtpSink.path().toString(), "-a", "-h", "smtp.provider.test",
                "-d", dumps + "/msg."));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of(sinkOptions));
        command.addAll(List.of("127.0.0.1:" + port, "10"));
        sink = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dumps.resolve("sink.log").toFile())
                .start();
        int sinkPort = port;
        await().atMost(Duration.ofSeconds(10)).until(() -> listening(sinkPort));
        f = new RelayFixture(port);
        relay = f.startRelay();
        password = f.issuePassword();
    }

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
        if (sink != null) {
            sink.destroy();
            sink.waitFor();
        }
        if (dumps != null) {
            try (Stream<Path> files = Files.walk(dumps)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void swaksSendsAQuoteThroughTheRelayAndTheProviderReceivesItTracked() throws Exception {
        start();
        InstalledTool.Run run = swaks(REP, password, "--tls", "--from", REP, "--to", BUYER);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("<~  250 2.0.0 Ok: sent and logged");
        List<String> delivered = delivered();
        assertThat(delivered).singleElement().satisfies(m -> assertThat(m)
                .contains(PIXEL + "swaks1.relaytest@team.example").contains("Message-ID: <swaks1.relaytest@team.example>"));
        assertThat(f.store.messages().byMessageId("swaks1.relaytest@team.example").orElseThrow().companyId())
                .isEqualTo(f.acme.id());
    }

    @Test
    void swaksMeetsTheRelaysRefusals() throws Exception {
        start();
        InstalledTool.Run plain = swaks(null, null, "--from", REP, "--to", BUYER);
        assertThat(plain.output()).as("no STARTTLS, no AUTH: nothing moves").contains("<** 530");

        InstalledTool.Run authWithoutTls = swaks(REP, password, "--from", REP, "--to", BUYER);
        assertThat(authWithoutTls.exitCode()).isNotZero();
        assertThat(authWithoutTls.output()).contains("Host did not advertise authentication");

        InstalledTool.Run wrong = swaks(REP, "gjr_wrong", "--tls", "--from", REP, "--to", BUYER);
        assertThat(wrong.output()).contains("<~* 535");

        InstalledTool.Run foreign = swaks(REP, password, "--tls", "--from", "boss@team.example", "--to", BUYER);
        assertThat(foreign.output()).contains("<~* 553 5.7.1 <boss@team.example>: sender address is not one of your own");
        assertThat(delivered()).isEmpty();
    }

    @Test
    void smtpSourceWithoutAuthIsRefusedAndNothingReachesTheProvider() throws Exception {
        start();
        InstalledTool smtpSource = InstalledTool.require("smtp-source", "postfix");
        InstalledTool.Run run = smtpSource.run(30, "-s", "2", "-m", "4", "-M", "client.test", "-f", REP,
                "-t", BUYER, "127.0.0.1:" + relay.port());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("530");
        assertThat(delivered()).isEmpty();
    }

    @Test
    void aProvidersHardRefusalComesBackToTheClientWithItsCode() throws Exception {
        start("-f", ".", "-B", "554 5.7.1 Rejected by provider policy");
        InstalledTool.Run run = swaks(REP, password, "--tls", "--from", REP, "--to", BUYER);
        assertThat(run.output()).contains("<~* 554 5.7.1 Rejected by provider policy");
        assertThat(f.store.messages().byMessageId("swaks1.relaytest@team.example")).isEmpty();
        assertThat(outbound().status()).isEqualTo(OutboundMail.Status.FAILED);
    }

    @Test
    void aProvidersSoftRefusalComesBackAsTheSame4xxAndWaitsInTheQueue() throws Exception {
        start("-r", ".", "-b", "451 4.7.1 Greylisted, come back later");
        InstalledTool.Run run = swaks(REP, password, "--tls", "--from", REP, "--to", BUYER);
        assertThat(run.output()).contains("<~* 451 4.7.1 Greylisted, come back later");
        assertThat(outbound().status()).isEqualTo(OutboundMail.Status.QUEUED);
        assertThat(outbound().lastReply()).contains("Greylisted");
    }

    private OutboundMail outbound() {
        return f.relay.outbound().byKey(OutboundMail.keyOf(f.li.id(), "swaks1.relaytest@team.example")).orElseThrow();
    }

    private InstalledTool.Run swaks(String user, String secret, String... args) throws Exception {
        InstalledTool swaks = InstalledTool.require("swaks", "swaks");
        Path message = Files.writeString(dumps.resolve("message.eml"), RelayTest.quote("swaks1"));
        List<String> all = new ArrayList<>(List.of("--server", "127.0.0.1:" + relay.port(), "--helo", "client.test",
                "--data", "@" + message));
        if (user != null) {
            all.addAll(List.of("--auth", "PLAIN", "--auth-user", user, "--auth-password", secret));
        }
        all.addAll(List.of(args));
        return swaks.run(60, all.toArray(String[]::new));
    }

    private List<String> delivered() throws IOException {
        try (Stream<Path> files = Files.list(dumps)) {
            List<String> out = new ArrayList<>();
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("msg.")).toList()) {
                out.add(Files.readString(p));
            }
            return out;
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
