package io.genjin.reports.export;

/**
 * Text that a spreadsheet would run as a formula. Customer names, titles and notes come from mail
 * and from whoever typed them, so a contact called {@code =HYPERLINK("http://evil.example","Click")}
 * or {@code @SUM(...)} must not become a live formula when a manager opens the export (OWASP "CSV
 * Injection"). A cell starting with = + - @, a tab or a carriage return is written to CSV with a
 * leading apostrophe, which Excel, WPS and LibreOffice show as text; XLSX cells are typed, and text
 * is always written as a string cell, never as a formula.
 */
final class FormulaInjection {
    private FormulaInjection() {
    }

    static boolean risky(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    static String neutralised(String text) {
        return risky(text) ? "'" + text : text;
    }
}
