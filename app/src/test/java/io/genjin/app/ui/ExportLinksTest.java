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
}
