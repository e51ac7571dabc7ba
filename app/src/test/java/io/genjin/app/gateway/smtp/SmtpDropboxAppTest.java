package io.genjin.app.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.gateway.smtp.SmtpDropboxConfiguration.DropboxLifecycle;
import io.genjin.app.support.AppTest;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole app with a recording pipeline: the dropbox knows the store's users. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmtpDropboxAppTest {
    static final List<MailSource.Dropbox> INGESTED = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @TestConfiguration
    static class RecordingPipeline {
        /** Primary: once the real pipeline is in the app, this one still takes the dropbox's mail here. */
        @Bean
        @Primary
        MailIngestion recordingIngestion() {
            return (mail, source) -> {
                INGESTED.add((MailSource.Dropbox) source);
                return new IngestResult(IngestResult.Outcome.STORED, "m" + INGESTED.size(), "s", null, null);
            };
        }
    }

    @Autowired
    CrmStore store;
    @Autowired
    DropboxLifecycle dropbox;

    @Test
    void aUserInTheStoreCanBccTheCrmAndAStrangerCannot() throws IOException {
        User rep = store.users().create("Wang Fang", List.of("wang.fang@genjin-trading.cn"), Role.REP, null, null, "zh-CN");
        assertThat(dropbox.isRunning()).isTrue();
        try (Socket socket = new Socket("127.0.0.1", dropbox.port())) {
            socket.setSoTimeout(10_000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            assertThat(say(in, out, "HELO client.test")).startsWith("250");
            assertThat(say(in, out, "MAIL FROM:<stranger@spam.example>")).startsWith("550 5.7.1");
            assertThat(say(in, out, "MAIL FROM:<Wang.Fang@genjin-trading.cn>")).startsWith("250");
            assertThat(say(in, out, "RCPT TO:<bcc@crm.local>")).startsWith("250");
            assertThat(say(in, out, "DATA")).startsWith("354");
            assertThat(say(in, out, "Subject: hello\r\n\r\nQuote attached.\r\n.")).startsWith("250");
        }
        assertThat(INGESTED).singleElement().satisfies(source -> {
            assertThat(source.ownerUserId()).isEqualTo(rep.id());
            assertThat(source.mode()).isEqualTo(MailSource.Dropbox.Mode.BCC);
        });
    }

    private static String say(BufferedReader in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return in.readLine();
    }
}
