package io.genjin.reports.export;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One value of an exported table, typed so that a spreadsheet can sort and sum it: text, a number, a
 * day or a time of day (already in the zone the reader works in), or nothing.
 */
public sealed interface Cell {
    Cell EMPTY = new Empty();

    static Cell text(String value) {
        return value == null ? EMPTY : new Text(value);
    }

    static Cell number(BigDecimal value) {
        return value == null ? EMPTY : new Number(value);
    }

    static Cell number(long value) {
        return new Number(BigDecimal.valueOf(value));
    }

    static Cell date(LocalDate value) {
        return value == null ? EMPTY : new Day(value);
    }

    static Cell dateTime(LocalDateTime value) {
        return value == null ? EMPTY : new Time(value);
    }

    record Text(String value) implements Cell {
    }

    record Number(BigDecimal value) implements Cell {
    }

    record Day(LocalDate value) implements Cell {
    }

    record Time(LocalDateTime value) implements Cell {
    }

    record Empty() implements Cell {
    }
}
