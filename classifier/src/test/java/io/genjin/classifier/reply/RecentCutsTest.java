package io.genjin.classifier.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A strip answered from the recent cuts is the strip made afresh: for every body of the reply corpus,
 * stripped for one sender, then another, then the first again, in two different orders and with the
 * cache cleared in between.
 */
class RecentCutsTest {
    private static final Path CORPORA = Path.of("../../shared/corpora/reply-forward");
    private final ReplyStripper stripper = new ReplyStripper();

    @Test
    void aRememberedCutGivesTheSameReplyForAnySender() throws IOException {
        assumeTrue(Files.isDirectory(CORPORA), "corpora absent");
        List<String> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CORPORA)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                bodies.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        }
        bodies.add("Thanks, the price is fine.\n\nOn Mon, Feb 1, 2016 at 4:58 AM, Anna <anna@acme.com> wrote:\n> Our offer is USD 5.\n");
        bodies.add("> quoted only\n");
        bodies.add("");
        bodies.add(null);
        List<Reply> fresh = new ArrayList<>();
        for (String body : bodies) {
            RecentCuts.clear();
            fresh.add(stripper.strip(body, "Anna"));
            fresh.add(stripper.strip(body, ""));
        }
        RecentCuts.clear();
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i);
            Reply other = stripper.strip(body, "");
            Reply anna = stripper.strip(body, "Anna");
            assertThat(stripper.strip(body, "")).as("body %d, again", i).isEqualTo(other);
            assertThat(anna).as("body %d for Anna", i).isEqualTo(fresh.get(2 * i));
            assertThat(other).as("body %d for nobody", i).isEqualTo(fresh.get(2 * i + 1));
        }
        System.out.printf("recent cuts: %d bodies stripped afresh and from the cache alike%n", bodies.size());
    }

    @Test
    void theCacheKeepsAtMostItsBound() {
        RecentCuts.clear();
        for (int i = 0; i < RecentCuts.MAX_ENTRIES + 50; i++) {
            stripper.strip("Reply " + i + "\n\nOn Mon, Feb 1, 2016 at 4:58 AM, Anna <anna@acme.com> wrote:\n> x\n", "");
        }
        assertThat(RecentCuts.size()).isEqualTo(RecentCuts.MAX_ENTRIES);
        String big = "x".repeat(RecentCuts.MAX_BODY + 1);
        assertThat(stripper.strip(big, "").text()).isEqualTo(big);
        assertThat(RecentCuts.size()).isEqualTo(RecentCuts.MAX_ENTRIES);
    }
}
