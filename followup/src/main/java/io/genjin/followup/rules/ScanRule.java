package io.genjin.followup.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A time-based rule, evaluated for every customer by the scan. What it returns is what should be
 * open now; an open task the rule raised earlier that is no longer wanted closes, with the rule's
 * reason ({@code followup.closed.<name>}).
 */
public interface ScanRule extends Rule {

    List<Want> wanted(CustomerView customer, Instant now, ZoneId zone);

    @Override
    default String trigger() {
        return "scan";
    }
}
