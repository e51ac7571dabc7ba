package io.genjin.reports.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Header guessing in 中文 and English, and each row read or rejected with its reason. */
class RowCheckTest {
    private static final Set<String> FREE = Set.of("gmail.com", "qq.com", "163.com");
    private static final List<String> HEADERS = List.of("公司名称", "网站", "邮箱", "联系人", "等级", "阶段", "订单号", "金额", "币种", "下单日期", "负责人");

    @Test
    void chineseAndEnglishHeadersAreGuessed() {
        assertThat(ColumnMapping.guess(HEADERS).columns()).containsEntry(0, ImportField.COMPANY).containsEntry(1, ImportField.DOMAIN)
                .containsEntry(2, ImportField.EMAIL).containsEntry(4, ImportField.GRADE).containsEntry(5, ImportField.STAGE)
                .containsEntry(6, ImportField.ORDER_NO).containsEntry(9, ImportField.ORDER_DATE).containsEntry(10, ImportField.OWNER);
        assertThat(ColumnMapping.guess(List.of("Customer Name", "Country", "E-mail", "Contact", "Grade", "Order No.", "Amount",
                "Currency", "Order Date", "Owner")).columns()).hasSize(10);
        // Outlook: "Title" is Mr./Ms.; "Job Title" wins the field.
        assertThat(ColumnMapping.guess(List.of("Title", "Job Title")).columns()).containsOnlyKeys(1);
    }

    @Test
    void aGoodRowIsReadTheWayChineseSheetsWriteIt() {
        ImportRow row = (ImportRow) check(List.of("宁波海天贸易有限公司", "https://www.nbhaitian.com/en", "zw@nbhaitian.com; li@qq.com",
                "张伟", "A级", "报价", "PI-7", "¥12,500.00", "", "2025年3月7日", ""));
        assertThat(row.company()).isEqualTo("宁波海天贸易有限公司");
        assertThat(row.domain()).isEqualTo("nbhaitian.com");
        assertThat(row.grade()).isEqualTo(Grade.A);
        assertThat(row.stage()).isEqualTo(Stage.QUOTED);
        assertThat(row.contact().addresses()).containsExactly("zw@nbhaitian.com", "li@qq.com");
        assertThat(row.order().amount()).isEqualByComparingTo("12500");
        assertThat(row.order().currency()).isEqualTo("CNY");
        assertThat(row.order().date()).isEqualTo(LocalDate.of(2025, 3, 7));
    }

    @Test
    void aRowWithoutACompanyIsNamedAfterItsBusinessDomainButNeverAfterFreeMail() {
        ImportRow named = (ImportRow) check(List.of("", "", "buyer@acme-trading.com.cn", "", "", "", "", "", "", "", ""));
        assertThat(named.company()).isEqualTo("Acme Trading");
        assertThat(named.domain()).isEqualTo("acme-trading.com.cn");
        assertThat(reason(List.of("", "", "someone@gmail.com", "", "", "", "", "", "", "", ""))).isEqualTo("missing-name");
    }

    @Test
    void eachBadValueIsRejectedWithItsReason() {
        assertThat(reason(List.of("A Ltd", "", "not-an-address", "", "", "", "", "", "", "", ""))).isEqualTo("bad-email");
        assertThat(reason(List.of("A Ltd", "", "", "", "E", "", "", "", "", "", ""))).isEqualTo("unknown-grade");
        assertThat(reason(List.of("A Ltd", "", "", "", "", "半成交", "", "", "", "", ""))).isEqualTo("unknown-stage");
        assertThat(reason(List.of("A Ltd", "", "", "", "", "", "PI-1", "abc", "USD", "", ""))).isEqualTo("bad-amount");
        assertThat(reason(List.of("A Ltd", "", "", "", "", "", "PI-1", "100", "", "", ""))).isEqualTo("bad-currency");
        assertThat(reason(List.of("A Ltd", "", "", "", "", "", "PI-1", "100", "USD", "yesterday", ""))).isEqualTo("bad-date");
        assertThat(reason(List.of("A Ltd", "", "", "", "", "", "", "100", "USD", "", ""))).isEqualTo("incomplete-order");
        assertThat(check(List.of("", "", "", "", "", "", "", "", "", "", ""))).as("a blank row is skipped").isNull();
    }

    @Test
    void datesAndAmountsInTheirUsualSpellings() {
        assertThat(RowCheck.date("2025-03-07")).isEqualTo(LocalDate.of(2025, 3, 7));
        assertThat(RowCheck.date("2025/3/7")).isEqualTo(LocalDate.of(2025, 3, 7));
        assertThat(RowCheck.date("3/7/2025")).isEqualTo(LocalDate.of(2025, 3, 7));
        assertThat(RowCheck.date("7.3.2025")).isEqualTo(LocalDate.of(2025, 3, 7));
        assertThat(RowCheck.date("45723")).isEqualTo(LocalDate.of(2025, 3, 7));
        assertThat(RowCheck.date("2025-02-30")).isNull();
        assertThat(RowCheck.amount("$1,200.50")).isEqualByComparingTo("1200.50");
        assertThat(RowCheck.amount("-5")).isNull();
        assertThat(RowCheck.currency("美元")).isEqualTo("USD");
        assertThat(RowCheck.currency("rmb")).isEqualTo("CNY");
    }

    private static RowCheck.Checked check(List<String> cells) {
        return new RowCheck(ColumnMapping.guess(HEADERS), FREE::contains).check(new Sheet.Row(2, cells));
    }

    private static String reason(List<String> cells) {
        return ((Rejection) check(cells)).reason();
    }
}
