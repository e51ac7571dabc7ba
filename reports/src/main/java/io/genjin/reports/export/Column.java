package io.genjin.reports.export;

import java.util.function.Function;

/**
 * A column of an exported table: the message key of its header (the caller translates it) and the
 * cell it takes from each row.
 */
public record Column<T>(String headerKey, Function<? super T, Cell> cell) {

    public static <T> Column<T> of(String headerKey, Function<? super T, Cell> cell) {
        return new Column<>(headerKey, cell);
    }
}
