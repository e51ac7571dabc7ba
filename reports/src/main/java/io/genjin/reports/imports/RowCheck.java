package io.genjin.reports.imports;

import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.linking.BusinessDomain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one sheet row through the column mapping into an {@link ImportRow}, or a {@link Rejection}
 * naming the first thing wrong with it. Values are read the way Chinese and English sheets write
 * them: grades "A", "A级", "A类"; stages by name in either language; amounts with currency signs and
 * thousands separators; dates as ISO, "2025/3/7", "2025年3月7日", US "3/7/2025", or Excel serial days.
 */
public final class RowCheck {
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+$");
    private static final Pattern GRADE = Pattern.compile("^([ABCD])\\s*(级|类|級|類|GRADE)?$");
    private static final Pattern CJK_DATE = Pattern.compile("^(\\d{4})年(\\d{1,2})月(\\d{1,2})日?$");
    private static final Pattern YMD = Pattern.compile("^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})([ T].*)?$");
    private static final Pattern MDY = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{4})( .*)?$");
    private static final Pattern DMY = Pattern.compile("^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})( .*)?$");
    private static final Pattern SERIAL = Pattern.compile("^\\d{4,5}(\\.\\d+)?$");
    private static final Pattern ADDRESS_SEPARATORS = Pattern.compile("[;,\\s]+");
    private static final Pattern MAILTO = Pattern.compile("^(?i)mailto:");
    private static final Pattern ANGLE_BRACKETS = Pattern.compile("^<|>$");
    private static final Pattern TAG_SEPARATORS = Pattern.compile("[;,，；]+");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final Map<String, Stage> STAGES = Map.ofEntries(Map.entry("线索", Stage.LEAD),
            Map.entry("潜在", Stage.LEAD), Map.entry("询盘", Stage.INQUIRY), Map.entry("询价", Stage.INQUIRY),
            Map.entry("报价", Stage.QUOTED), Map.entry("已报价", Stage.QUOTED), Map.entry("样品", Stage.SAMPLE),
            Map.entry("寄样", Stage.SAMPLE), Map.entry("谈判", Stage.NEGOTIATION), Map.entry("洽谈", Stage.NEGOTIATION),
            Map.entry("成交", Stage.WON), Map.entry("已成交", Stage.WON), Map.entry("丢单", Stage.LOST),
            Map.entry("流失", Stage.LOST), Map.entry("休眠", Stage.DORMANT), Map.entry("沉睡", Stage.DORMANT));
    private static final Map<String, String> CURRENCIES = Map.ofEntries(Map.entry("$", "USD"), Map.entry("US$", "USD"),
            Map.entry("美元", "USD"), Map.entry("¥", "CNY"), Map.entry("￥", "CNY"), Map.entry("RMB", "CNY"),
            Map.entry("人民币", "CNY"), Map.entry("元", "CNY"), Map.entry("€", "EUR"), Map.entry("欧元", "EUR"),
            Map.entry("£", "GBP"), Map.entry("英镑", "GBP"), Map.entry("日元", "JPY"), Map.entry("港币", "HKD"));

    private final ColumnMapping mapping;
    private final Predicate<String> freeMail;

    /** A checked row: an {@link ImportRow} or a {@link Rejection}. */
    public sealed interface Checked permits ImportRow, Rejection {
        long line();
    }

    /** @param freeMail whether a mail domain is free mail (gmail.com, qq.com…), which never identifies a company */
    public RowCheck(ColumnMapping mapping, Predicate<String> freeMail) {
        this.mapping = mapping;
        this.freeMail = freeMail;
    }

    /** The row read, a rejection, or null for a blank row (skipped without a word). */
    public Checked check(Sheet.Row row) {
        List<String> cells = row.cells();
        if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
            return null;
        }
        long line = row.line();
        List<String> addresses = new java.util.ArrayList<>();
        for (String value : mapping.values(cells, ImportField.EMAIL)) {
            for (String address : ADDRESS_SEPARATORS.split(value)) {
                String clean = address.trim();
                if (clean.indexOf(':') >= 0) {
                    clean = MAILTO.matcher(clean).replaceFirst("");
                }
                if (clean.indexOf('<') >= 0 || clean.indexOf('>') >= 0) {
                    clean = ANGLE_BRACKETS.matcher(clean).replaceAll("");
                }
                if (clean.isEmpty()) {
                    continue;
                }
                if (!ADDRESS.matcher(clean).matches()) {
                    return new Rejection(line, "bad-email", address, cells);
                }
                addresses.add(clean.toLowerCase(Locale.ROOT));
            }
        }
        String domain = domain(mapping.value(cells, ImportField.DOMAIN));
        if (domain == null) {
            domain = addresses.stream().map(a -> a.substring(a.indexOf('@') + 1)).filter(d -> !freeMail.test(d))
                    .map(BusinessDomain::of).filter(java.util.Objects::nonNull).map(BusinessDomain::registrable)
                    .findFirst().orElse(null);
        }
        String company = mapping.value(cells, ImportField.COMPANY);
        if (company == null && domain != null) {
            company = BusinessDomain.of(domain).companyName();
        }
        if (company == null) {
            return new Rejection(line, "missing-name", null, cells);
        }
        if (company.length() > 200) {
            return new Rejection(line, "missing-name", company.substring(0, 40), cells);
        }
        String gradeText = mapping.value(cells, ImportField.GRADE);
        Grade grade = null;
        if (gradeText != null) {
            Matcher m = GRADE.matcher(gradeText.toUpperCase(Locale.ROOT));
            if (!m.matches()) {
                return new Rejection(line, "unknown-grade", gradeText, cells);
            }
            grade = Grade.valueOf(m.group(1));
        }
        String stageText = mapping.value(cells, ImportField.STAGE);
        Stage stage = null;
        if (stageText != null) {
            stage = stage(stageText);
            if (stage == null) {
                return new Rejection(line, "unknown-stage", stageText, cells);
            }
        }
        ImportRow.OrderLine order = null;
        String number = mapping.value(cells, ImportField.ORDER_NO);
        String amountText = mapping.value(cells, ImportField.AMOUNT);
        if (number != null || amountText != null) {
            if (number == null || amountText == null) {
                return new Rejection(line, "incomplete-order", number == null ? amountText : number, cells);
            }
            BigDecimal amount = amount(amountText);
            if (amount == null) {
                return new Rejection(line, "bad-amount", amountText, cells);
            }
            String currencyText = mapping.value(cells, ImportField.CURRENCY);
            String currency = currency(currencyText != null ? currencyText : symbolOf(amountText));
            if (currency == null) {
                return new Rejection(line, "bad-currency", currencyText, cells);
            }
            String dateText = mapping.value(cells, ImportField.ORDER_DATE);
            LocalDate date = null;
            if (dateText != null) {
                date = date(dateText);
                if (date == null) {
                    return new Rejection(line, "bad-date", dateText, cells);
                }
            }
            order = new ImportRow.OrderLine(number, amount, currency, date);
        }
        ImportRow.Person contact = null;
        if (!addresses.isEmpty()) {
            contact = new ImportRow.Person(personName(cells), List.copyOf(new LinkedHashSet<>(addresses)),
                    mapping.values(cells, ImportField.PHONE), mapping.value(cells, ImportField.TITLE));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : mapping.values(cells, ImportField.TAGS)) {
            for (String tag : TAG_SEPARATORS.split(value)) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
        }
        return new ImportRow(line, company, domain, mapping.value(cells, ImportField.COUNTRY),
                mapping.value(cells, ImportField.INDUSTRY), grade, stage, mapping.value(cells, ImportField.OWNER), contact,
                order, tags);
    }

    private String personName(List<String> cells) {
        String full = mapping.value(cells, ImportField.CONTACT);
        if (full != null) {
            return full;
        }
        String first = mapping.value(cells, ImportField.FIRST_NAME);
        String middle = mapping.value(cells, ImportField.MIDDLE_NAME);
        String last = mapping.value(cells, ImportField.LAST_NAME);
        if (first == null && last == null) {
            return null;
        }
        boolean chinese = (last != null && last.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        if (chinese) {
            return (last == null ? "" : last) + (first == null ? "" : first);
        }
        return String.join(" ", java.util.stream.Stream.of(first, middle, last).filter(java.util.Objects::nonNull).toList());
    }

    /** "https://www.acme.com/en/" → "acme.com"; null when it holds no business domain. */
    private String domain(String text) {
        if (text == null) {
            return null;
        }
        String host = text.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "")
                .replaceFirst("^.*@", "").replaceFirst("[/:?#].*$", "");
        if (!host.matches("[a-z0-9.-]+\\.[a-z0-9-]{2,}") || freeMail.test(host)) {
            return null;
        }
        BusinessDomain domain = BusinessDomain.of(host);
        return domain == null ? null : domain.registrable();
    }

    static Stage stage(String text) {
        String clean = text.trim();
        Stage chinese = STAGES.get(clean);
        if (chinese != null) {
            return chinese;
        }
        String upper = clean.toUpperCase(Locale.ROOT).replace(' ', '_');
        for (Stage stage : Stage.values()) {
            if (stage.name().equals(upper)) {
                return stage;
            }
        }
        return switch (upper) {
            case "QUOTE", "QUOTATION" -> Stage.QUOTED;
            case "SAMPLES" -> Stage.SAMPLE;
            case "CLOSED_WON" -> Stage.WON;
            case "CLOSED_LOST" -> Stage.LOST;
            default -> null;
        };
    }

    static BigDecimal amount(String text) {
        String clean = text.replaceAll("[\\s,，]", "").replaceAll("^[^0-9.\\-]+", "").replaceAll("[^0-9.]+$", "");
        try {
            BigDecimal amount = new BigDecimal(clean);
            return amount.signum() < 0 ? null : amount;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String symbolOf(String amount) {
        String prefix = amount.trim().replaceAll("[0-9.,\\s\\-].*$", "");
        String suffix = amount.trim().replaceAll("^.*[0-9.,\\s]", "");
        return !prefix.isEmpty() ? prefix : suffix.isEmpty() ? null : suffix;
    }

    static String currency(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.trim().toUpperCase(Locale.ROOT);
        if (clean.matches("[A-Z]{3}")) {
            return clean.equals("RMB") ? "CNY" : clean;
        }
        return CURRENCIES.get(clean);
    }

    static LocalDate date(String text) {
        String clean = text.trim();
        try {
            Matcher m = YMD.matcher(clean);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = CJK_DATE.matcher(clean);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = MDY.matcher(clean);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = DMY.matcher(clean);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
            if (SERIAL.matcher(clean).matches()) {
                // Excel's serial days (1900 system, counted from 1899-12-30 because of its 1900 leap-year bug).
                return EXCEL_EPOCH.plusDays((long) Double.parseDouble(clean));
            }
            return LocalDate.parse(clean, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
