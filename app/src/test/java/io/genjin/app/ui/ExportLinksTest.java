package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The export links of the customer list and a customer's orders download with the page's session. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExportLinksTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;

    @Test
    void theListsExportLinksDownloadWhatTheListShowsInThePagesLanguage() {
        Seed seed = new Seed(store);
        Person rep = seed.person("Link Rep", Role.REP, seed.team("Link team"), null);
        Customer mine = seed.customer("上海链接贸易有限公司", "link-trading.cn", rep.user());
        seed.customer("Someone Else's Ltd", "someone-else.example", seed.person("Other", Role.REP, null, null).user());
        PageClient pages = PageClient.signedIn("http://127.0.0.1:" + port, rep.token());

        String list = new String(pages.get("/customers?q=link&lang=zh-CN").body(), StandardCharsets.UTF_8);
        Matcher link = Pattern.compile("id=\"export-customers-csv\"[^>]*href=\"([^\"]+)\"|href=\"([^\"]+)\"[^>]*id=\"export-customers-csv\"")
                .matcher(list);
        assertThat(link.find()).as(list).isTrue();
        String href = (link.group(1) != null ? link.group(1) : link.group(2)).replace("&amp;", "&");
        assertThat(href).startsWith("/export/customers.csv?").contains("q=link");
        HttpResponse<byte[]> csv = pages.get(href);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF客户,").contains("上海链接贸易有限公司").doesNotContain("Someone Else");

        String page = new String(pages.get("/customers/" + mine.id()).body(), StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"export-orders-xlsx\"");
        assertThat(pages.get("/export/orders.xlsx?company=" + mine.id()).statusCode()).isEqualTo(200);
    }

    @Test
    void theReportDownloadsAnswerThePagesSessionWithTheApisScope() {
        Seed seed = new Seed(store);
        var team = seed.team("Report link team");
        Person manager = seed.person("Report Link Manager", Role.MANAGER, team, null);
        Person rep = seed.person("Report Link Rep", Role.REP, team, manager.user());
        PageClient pages = PageClient.signedIn("http://127.0.0.1:" + port, manager.token());

        String dashboard = new String(pages.get("/reports?team=" + team.id()).body(), StandardCharsets.UTF_8);
        assertThat(dashboard).contains("id=\"export-activity-csv\"").contains("id=\"export-coverage-xlsx\"");
        HttpResponse<byte[]> csv = pages.get("/reports/data/activity.csv?team=" + team.id() + "&lang=zh-CN");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("filename*=UTF-8''");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF业务员,发送邮件,发送邮件（上期）,").contains("Report Link Rep").contains("合计");
        assertThat(pages.get("/reports/data/coverage.xlsx?team=" + team.id()).statusCode()).isEqualTo(200);

        PageClient repPages = PageClient.signedIn("http://127.0.0.1:" + port, rep.token());
        assertThat(repPages.get("/reports/data/activity.csv?team=" + team.id()).statusCode()).isEqualTo(403);
        String items = new String(repPages.get("/reports/items?figure=sent.total").body(), StandardCharsets.UTF_8);
        assertThat(items).contains("id=\"export-items-csv\"");
    }
}
