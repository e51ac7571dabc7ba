package io.genjin.classifier.accuracy;

import io.genjin.classifier.Email;
import io.genjin.classifier.bounce.Bounce;
import io.genjin.classifier.bounce.BounceDetector;
import io.genjin.classifier.bounce.FailedRecipient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Bounce figures on sisimai (per-file and per-recipient labels) and Mail-DeliveryStatus-BounceParser. */
final class BounceBench {

    /* sisimai reasons that are reports but not delivery failures. */
    private static final Set<String> NOT_FAILURES = Set.of("feedback", "vacation", "delivered");
    /* sisimai's 31 reasons mapped onto the seven classes. */
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("userunknown", "user_unknown"), Map.entry("hasmoved", "user_unknown"),
            Map.entry("mailboxfull", "mailbox_full"), Map.entry("hostunknown", "host_unknown"),
            Map.entry("notaccept", "host_unknown"), Map.entry("expired", "expired"),
            Map.entry("blocked", "blocked_spam"), Map.entry("spamdetected", "blocked_spam"),
            Map.entry("filtered", "blocked_spam"), Map.entry("badreputation", "blocked_spam"),
            Map.entry("requireptr", "blocked_spam"), Map.entry("virusdetected", "blocked_spam"),
            Map.entry("rejected", "policy"), Map.entry("policyviolation", "policy"), Map.entry("securityerror", "policy"),
            Map.entry("authfailure", "policy"), Map.entry("norelaying", "policy"), Map.entry("mesgtoobig", "policy"),
            Map.entry("exceedlimit", "policy"), Map.entry("toomanyconn", "policy"), Map.entry("contenterror", "policy"),
            Map.entry("notcompliantrfc", "policy"));

    private final BounceDetector detector = new BounceDetector();
    final List<String> misses = new ArrayList<>();

    List<Figure> sisimai(Path corpora) {
        Path root = corpora.resolve("sisimai");
        Path labels = root.resolve("expected.json");
        if (!Files.exists(labels)) {
            return List.of();
        }
        JsonNode expected = CorpusFiles.json(labels);
        Counts detection = new Counts();
        Ratio status = new Ratio();
        Ratio reason = new Ratio();
        Ratio hard = new Ratio();
        for (String key : new TreeSet<>(expected.propertyNames())) {
            Path file = root.resolve("set-of-emails").resolve(key);
            if (!Files.exists(file)) {
                continue;
            }
            JsonNode rows = expected.get(key).path("recipients");
            boolean failure = false;
            for (JsonNode row : rows.values()) {
                failure |= !NOT_FAILURES.contains(row.path("reason").asString());
            }
            Bounce bounce = detector.detect(Email.fromEml(CorpusFiles.bytes(file)));
            detection.add(failure, bounce.isBounce());
            if (failure != bounce.isBounce()) {
                misses.add("sisimai detection " + key + " expected=" + failure);
            }
            if (!failure || bounce.recipients().isEmpty()) {
                continue;
            }
            int i = 0;
            for (JsonNode row : rows.values()) {
                FailedRecipient got = bounce.recipients().get(Math.min(i++, bounce.recipients().size() - 1));
                String want = row.path("status").asString();
                if (!want.isEmpty() && !want.matches("\\d\\.0\\.9\\d\\d")) {
                    status.add(want.equals(got.status()));
                    if (!want.equals(got.status())) {
                        misses.add("sisimai status " + key + " want=" + want + " got=" + got.status());
                    }
                }
                String wantReason = REASONS.getOrDefault(row.path("reason").asString(), "other");
                boolean reasonRight = wantReason.equals(got.reason().name().toLowerCase(Locale.ROOT));
                reason.add(reasonRight);
                if (!reasonRight) {
                    misses.add("sisimai reason " + key + " want=" + wantReason + " (" + row.path("reason").asString()
                            + ") got=" + got.reason().name().toLowerCase(Locale.ROOT));
                }
                hard.add(row.path("hardbounce").asBoolean() == got.hard());
            }
        }
        for (Path file : list(root.resolve("set-of-emails/maildir/not"))) {
            boolean predicted = detector.detect(Email.fromEml(CorpusFiles.bytes(file))).isBounce();
            detection.add(false, predicted);
            if (predicted) {
                misses.add("sisimai detection not/" + file.getFileName() + " expected=false");
            }
        }
        return List.of(
                Figure.of("bounce precision", "sisimai", detection.precision(), detection.total()),
                Figure.of("bounce recall", "sisimai", detection.recall(), detection.total()),
                Figure.of("bounce F1", "sisimai", detection.f1(), detection.total()).withGoal(0.99),
                Figure.of("recipient status exact", "sisimai", status.value(), status.trials),
                Figure.of("recipient reason class", "sisimai", reason.value(), reason.trials),
                Figure.of("recipient hard/soft", "sisimai", hard.value(), hard.trials));
    }

    List<Figure> perl(Path corpora) {
        Path root = corpora.resolve("bounce-extra/perl-bounceparser");
        Path labels = root.resolve("labels.json");
        if (!Files.exists(labels)) {
            return List.of();
        }
        JsonNode all = CorpusFiles.json(labels).path("labels");
        Counts detection = new Counts();
        Ratio recipients = new Ratio();
        Ratio messageIds = new Ratio();
        for (String name : new TreeSet<>(all.propertyNames())) {
            Path file = root.resolve("t/corpus").resolve(name);
            JsonNode label = all.get(name);
            if (!Files.exists(file) || !label.has("is_bounce")) {
                continue;
            }
            Bounce bounce = detector.detect(Email.fromEml(CorpusFiles.bytes(file)));
            boolean expected = label.path("is_bounce").asBoolean();
            detection.add(expected, bounce.isBounce());
            if (expected != bounce.isBounce()) {
                misses.add("perl detection " + name + " expected=" + expected);
            }
            if (label.has("addresses")) {
                Set<String> want = new TreeSet<>();
                label.path("addresses").values().forEach(a -> want.add(a.asString().toLowerCase(Locale.ROOT)));
                Set<String> got = new TreeSet<>();
                bounce.recipients().forEach(r -> got.add(r.address()));
                recipients.add(want.equals(got));
                if (!want.equals(got)) {
                    misses.add("perl recipients " + name + " want=" + want + " got=" + got);
                }
            }
            if (label.has("orig_message_id")) {
                messageIds.add(label.path("orig_message_id").asString().equals(bounce.originalMessageId()));
            }
        }
        return List.of(
                Figure.of("bounce precision", "perl-bounceparser", detection.precision(), detection.total()),
                Figure.of("bounce recall", "perl-bounceparser", detection.recall(), detection.total()),
                Figure.of("bounce F1", "perl-bounceparser", detection.f1(), detection.total()).withGoal(0.99),
                Figure.of("failed-recipient exact", "perl-bounceparser", recipients.value(), recipients.trials).withGoal(0.97),
                Figure.of("original Message-ID", "perl-bounceparser", messageIds.value(), messageIds.trials));
    }

    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
