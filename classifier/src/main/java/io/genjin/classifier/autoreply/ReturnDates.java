package io.genjin.classifier.autoreply;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "back on …" date of an out-of-office message. Only dates near a return word count, and the
 * last date of a "from … to …" range wins, since that is when the sender is back (or the day before).
 */
final class ReturnDates {

    private static final Map<String, Integer> MONTHS = months();
    private static final String MONTH_NAMES = String.join("|", MONTHS.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).toList());
    private static final Pattern RETURN_WORD = Pattern.compile(String.join("|",
            "return", "back", "until", "till", "through", "bis", "zurück", "hasta", "regres", "jusqu", "retour",
            "до ", "вернусь", "até", "volto", "fino al", "rientr", "返回", "回来", "回到", "至", "到", "戻り", "まで"),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ISO = Pattern.compile("(20\\d\\d)[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern CJK = Pattern.compile("(?:(20\\d\\d)\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号號]");
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d.])(\\d{1,2})[./](\\d{1,2})(?:[./](20\\d\\d|\\d\\d))?(?![\\d/])");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "(?i)(\\d{1,2})(?:st|nd|rd|th|er|\\.|º)?\\s+(?:de\\s+)?(" + MONTH_NAMES + ")\\.?(?:\\s+(?:de\\s+)?(20\\d\\d))?",
            Pattern.UNICODE_CASE);
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?i)(" + MONTH_NAMES + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(20\\d\\d))?", Pattern.UNICODE_CASE);
    private static final int WINDOW = 80;

    private ReturnDates() {
    }

    static Optional<LocalDate> find(String text, LocalDate sentOn) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        LocalDate reference = sentOn == null ? LocalDate.now() : sentOn;
        Matcher word = RETURN_WORD.matcher(text);
        while (word.find()) {
            // Dates follow the word in most languages ("back on 5 June") but precede it in CJK ("6月5日返回").
            String after = text.substring(word.start(), Math.min(text.length(), word.end() + WINDOW));
            Optional<LocalDate> date = firstDate(after, reference);
            if (date.isEmpty()) {
                date = firstDate(text.substring(Math.max(0, word.start() - 30), word.start()), reference);
            }
            if (date.isPresent()) {
                return date;
            }
        }
        return Optional.empty();
    }

    static Optional<LocalDate> firstDate(String window, LocalDate reference) {
        Best best = new Best();
        Matcher m = ISO.matcher(window);
        if (m.find()) {
            best.offer(m.start(), date(m.group(1), m.group(2), m.group(3), reference));
        }
        m = CJK.matcher(window);
        if (m.find()) {
            best.offer(m.start(), date(m.group(1), m.group(2), m.group(3), reference));
        }
        m = DAY_MONTH.matcher(window);
        if (m.find()) {
            best.offer(m.start(), date(m.group(3), String.valueOf(MONTHS.get(m.group(2).toLowerCase(Locale.ROOT))), m.group(1), reference));
        }
        m = MONTH_DAY.matcher(window);
        if (m.find()) {
            best.offer(m.start(), date(m.group(3), String.valueOf(MONTHS.get(m.group(1).toLowerCase(Locale.ROOT))), m.group(2), reference));
        }
        m = NUMERIC.matcher(window);
        if (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            // Day first, as most of the world writes it; a first number above 12 leaves no doubt either way.
            boolean monthFirst = b > 12 && a <= 12;
            best.offer(m.start(), date(m.group(3), String.valueOf(monthFirst ? a : b), String.valueOf(monthFirst ? b : a), reference));
        }
        return Optional.ofNullable(best.date);
    }

    private static LocalDate date(String year, String month, String day, LocalDate reference) {
        try {
            int m = Integer.parseInt(month);
            int d = Integer.parseInt(day);
            if (year != null) {
                int y = Integer.parseInt(year);
                return LocalDate.of(y < 100 ? 2000 + y : y, m, d);
            }
            LocalDate candidate = LocalDate.of(reference.getYear(), m, d);
            // "back on 3 January" written in late December means next year.
            return candidate.isBefore(reference.minusDays(14)) ? candidate.plusYears(1) : candidate;
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static final class Best {
        int position = Integer.MAX_VALUE;
        LocalDate date;

        void offer(int at, LocalDate candidate) {
            if (candidate != null && at < position) {
                position = at;
                date = candidate;
            }
        }
    }

    private static Map<String, Integer> months() {
        Map<String, Integer> m = new java.util.HashMap<>();
        String[][] names = {
                {"january", "jan", "januar", "janvier", "enero", "janeiro", "gennaio", "janvier", "января", "январь"},
                {"february", "feb", "februar", "février", "fevrier", "febrero", "fevereiro", "febbraio", "февраля", "февраль"},
                {"march", "mar", "märz", "maerz", "mars", "marzo", "março", "марта", "март"},
                {"april", "apr", "avril", "abril", "aprile", "апреля", "апрель"},
                {"may", "mai", "mayo", "maio", "maggio", "мая", "май"},
                {"june", "jun", "juni", "juin", "junio", "junho", "giugno", "июня", "июнь"},
                {"july", "jul", "juli", "juillet", "julio", "julho", "luglio", "июля", "июль"},
                {"august", "aug", "août", "aout", "agosto", "августа", "август"},
                {"september", "sep", "sept", "septembre", "septiembre", "setembro", "settembre", "сентября", "сентябрь"},
                {"october", "oct", "oktober", "octobre", "octubre", "outubro", "ottobre", "okt", "октября", "октябрь"},
                {"november", "nov", "novembre", "noviembre", "novembro", "ноября", "ноябрь"},
                {"december", "dec", "dezember", "décembre", "decembre", "diciembre", "dezembro", "dicembre", "dez", "декабря", "декабрь"}};
        for (int i = 0; i < names.length; i++) {
            for (String name : names[i]) {
                m.putIfAbsent(name, i + 1);
            }
        }
        return m;
    }
}
