package io.genjin.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentResultsTest {
    private final AtomicInteger computed = new AtomicInteger();

    private RecentResults<String> recent(int entries, long chars, int maxText) {
        return new RecentResults<>(entries, chars, maxText, text -> {
            computed.incrementAndGet();
            return text.toUpperCase(java.util.Locale.ROOT);
        }, String::length);
    }

    @Test
    void aTextSeenRecentlyIsAnsweredWithoutWorkingItOutAgain() {
        RecentResults<String> recent = recent(10, 1_000, 100);
        assertThat(recent.of("quote")).isEqualTo("QUOTE");
        assertThat(recent.of(new String("quote"))).as("an equal text, not the same instance").isEqualTo("QUOTE");
        assertThat(computed).hasValue(1);
    }

    @Test
    void theLeastRecentlyUsedGoFirstPastTheCountBound() {
        RecentResults<String> recent = recent(2, 1_000, 100);
        recent.of("a");
        recent.of("b");
        recent.of("a");
        recent.of("c");
        assertThat(recent.size()).isEqualTo(2);
        computed.set(0);
        recent.of("a");
        assertThat(computed).as("a was used after b, so b went").hasValue(0);
        recent.of("b");
        assertThat(computed).hasValue(1);
    }

    @Test
    void theCharactersHeldStayWithinTheirBoundAndALongTextIsNeverKept() {
        RecentResults<String> recent = recent(100, 20, 8);
        recent.of("abcd");
        recent.of("efgh");
        assertThat(recent.size()).as("each held as 4 + 4 characters").isEqualTo(2);
        recent.of("ijkl");
        assertThat(recent.size()).as("24 characters are over the bound of 20").isEqualTo(2);
        recent.of("abcdefghi");
        assertThat(recent.size()).isEqualTo(2);
        computed.set(0);
        assertThat(recent.of("abcdefghi")).isEqualTo("ABCDEFGHI");
        assertThat(computed).as("longer than 8: worked out every time").hasValue(1);
    }
}
