package io.genjin.reports.imports;

import java.util.List;

/**
 * A row left out, with why: a reason code the pages translate ({@code missing-name}, {@code bad-email},
 * {@code unknown-grade}, {@code unknown-stage}, {@code bad-amount}, {@code bad-date}, {@code bad-currency},
 * {@code incomplete-order}, {@code unknown-owner}, {@code owner-not-allowed}, {@code failed}), the
 * offending value, and the row's cells for the rejected-rows file.
 */
public record Rejection(long line, String reason, String value, List<String> cells) implements RowCheck.Checked {
}
