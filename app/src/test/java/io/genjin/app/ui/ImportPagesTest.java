package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Multipart;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The import pages render each step: upload list, mapping with the first rows, preview, progress bar and report. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "genjin.dropbox.enabled=false")
class ImportPagesTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;

    @Test
    void eachStepOfAnImportRendersInEnglishAndChinese() {
        Seed seed = new Seed(store);
        Person rep = seed.person("Page Rep", Role.REP, seed.team("Pages"), null);
        Person other = seed.person("Other Page Rep", Role.REP, seed.team("Pages 2"), null);
        PageClient page = PageClient.signedIn("http://127.0.0.1:" + port, rep.token());
        Http http = new Http(port);

        assertThat(text(page, "/imports")).contains("id=\"upload-form\"", "No imports yet.");
        byte[] csv = "公司名称,邮箱,等级\r\nPage Test Ltd,buyer@page-test.example,A\r\nBad Row Ltd,nope,B\r\n"
                .getBytes(StandardCharsets.UTF_8);
        String id = Multipart.upload(port, rep.token(), "/api/imports", "pages.csv", csv, Map.of()).json().get("job").get("id")
                .asString();

        String mapping = text(page, "/imports/" + id);
        assertThat(mapping).contains("pages.csv", "UTF-8", "id=\"mapping-form\"", "Page Test Ltd", "value=\"COMPANY\" selected");

        http.post(rep.token(), "/api/imports/" + id + "/preview", null);
        assertThat(text(page, "/imports/" + id)).contains("id=\"preview\"", "New customers: 1", "Rejected rows: 1",
                "Not an email address: nope", "id=\"start\"");

        http.post(rep.token(), "/api/imports/" + id + "/start", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> !http.get(rep.token(), "/api/imports/" + id + "/progress").body()
                .contains("RUNNING"));
        assertThat(text(page, "/imports/" + id)).contains("id=\"report\"", "<progress", "2 of 2 rows", "id=\"rejected-link\"");
        assertThat(page.get("/imports/" + id + "/rejected.csv").statusCode()).isEqualTo(200);
        assertThat(text(page, "/imports/" + id + "/progress")).contains("\"DONE\"");
        assertThat(text(page, "/imports/" + id + "?lang=zh-CN")).contains("导入报告", "新建客户");

        assertThat(PageClient.signedIn("http://127.0.0.1:" + port, other.token()).get("/imports/" + id).statusCode())
                .isEqualTo(404);
    }

    private static String text(PageClient page, String path) {
        var response = page.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
