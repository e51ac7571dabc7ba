package io.genjin.classifier.accuracy;

import io.genjin.classifier.Email;
import io.genjin.classifier.EmailUnderstanding;
import io.genjin.classifier.Understanding;
import io.genjin.classifier.autoreply.AutoReply;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Auto-reply figures from the few labelled messages there are: sisimai's RFC 3834 set (reason
 * "vacation") and BounceParser's vacation and challenge-response negatives; plus how often a real
 * bounce is wrongly called an auto-reply.
 */
final class AutoReplyBench {

    final List<String> misses = new ArrayList<>();

    List<Figure> run(Path corpora, EmailUnderstanding understanding) {
        Ratio autoReplies = new Ratio();
        Ratio challenges = new Ratio();
        Ratio bouncesNotAuto = new Ratio();
        Path sisimai = corpora.resolve("sisimai");
        if (Files.exists(sisimai.resolve("expected.json"))) {
            JsonNode expected = CorpusFiles.json(sisimai.resolve("expected.json"));
            for (String key : new TreeSet<>(expected.propertyNames())) {
                Path file = sisimai.resolve("set-of-emails").resolve(key);
                if (!Files.exists(file)) {
                    continue;
                }
                String reason = expected.get(key).path("recipients").path(0).path("reason").asString();
                Understanding u = understanding.understand(Email.fromEml(CorpusFiles.bytes(file)));
                if (reason.equals("vacation")) {
                    check(autoReplies, key, u.autoReply().isAutoReply() && !u.bounce().isBounce());
                } else if (!reason.equals("feedback") && !reason.equals("delivered")) {
                    check(bouncesNotAuto, key, !u.autoReply().isAutoReply());
                }
            }
        }
        Path perl = corpora.resolve("bounce-extra/perl-bounceparser");
        if (Files.exists(perl.resolve("labels.json"))) {
            JsonNode labels = CorpusFiles.json(perl.resolve("labels.json")).path("labels");
            for (String name : new TreeSet<>(labels.propertyNames())) {
                String category = labels.get(name).path("category").asString("");
                Path file = perl.resolve("t/corpus").resolve(name);
                if (!Files.exists(file) || category.isEmpty() || category.startsWith("delay")) {
                    continue;
                }
                Understanding u = understanding.understand(Email.fromEml(CorpusFiles.bytes(file)));
                if (category.startsWith("challenge")) {
                    check(challenges, name, u.autoReply().kind() == AutoReply.Kind.CHALLENGE_RESPONSE && !u.bounce().isBounce());
                } else if (category.equals("autoreply")) {
                    check(autoReplies, name, u.autoReply().isAutoReply() && !u.bounce().isBounce());
                }
            }
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of("auto-reply recognised", "sisimai rfc3834 + perl vacation", autoReplies.value(), autoReplies.trials));
        figures.add(Figure.of("challenge-response recognised", "perl-bounceparser", challenges.value(), challenges.trials));
        figures.add(Figure.of("bounce not taken for auto-reply", "sisimai", bouncesNotAuto.value(), bouncesNotAuto.trials));
        return figures;
    }

    private void check(Ratio ratio, String name, boolean ok) {
        ratio.add(ok);
        if (!ok) {
            misses.add("auto-reply " + name);
        }
    }
}
