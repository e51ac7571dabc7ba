package io.genjin.gateway.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UidSetTest {
    @Test
    void runsCollapseIntoRangesInAscendingOrder() {
        assertThat(UidSet.of(List.of(10L, 9L, 7L, 3L, 2L, 1L, 2L))).isEqualTo("1:3,7,9:10");
        assertThat(UidSet.of(List.of(42L))).isEqualTo("42");
    }
}
