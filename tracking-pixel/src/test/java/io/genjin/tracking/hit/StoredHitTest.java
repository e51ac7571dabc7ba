package io.genjin.tracking.hit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.tracking.token.Token;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredHitTest {

    @Test
    void aHitSurvivesItsLineWithTabsBackslashesAndNewlinesInTheUserAgent() {
        StoredHit hit = new StoredHit(2, Token.Kind.CLICK, 3, Instant.parse("2026-11-25T08:00:00.123456789Z"),
                "2001:db8::7", "Mozilla/5.0\t(odd\\agent)\r\nX", false, true, true, "burst", 0.875);
        assertThat(StoredHit.of(hit.line())).isEqualTo(hit);
        assertThat(hit.line()).doesNotContain("\n").startsWith("v1\t2\tC\t3\t");
    }

    @Test
    void absentValuesStayAbsent() {
        StoredHit hit = new StoredHit(0, Token.Kind.OPEN, -1, Instant.ofEpochSecond(1), null, null, true, false, false, null, 0.0);
        assertThat(StoredHit.of(hit.line())).isEqualTo(hit);
    }

    @Test
    void aLineOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> StoredHit.of("v2\tx")).isInstanceOf(IllegalArgumentException.class);
    }
}
