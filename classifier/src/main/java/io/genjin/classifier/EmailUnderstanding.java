package io.genjin.classifier;

import io.genjin.classifier.autoreply.AutoReply;
import io.genjin.classifier.autoreply.AutoReplyDetector;
import io.genjin.classifier.bounce.Bounce;
import io.genjin.classifier.bounce.BounceDetector;
import io.genjin.classifier.intent.Intent;
import io.genjin.classifier.intent.IntentClassifier;
import io.genjin.classifier.intent.QuoteDetector;
import io.genjin.classifier.intent.Tokens;
import io.genjin.classifier.language.LanguageDetector;
import io.genjin.classifier.reply.ForwardParser;
import io.genjin.classifier.reply.Reply;
import io.genjin.classifier.reply.ReplyStripper;
import io.genjin.classifier.text.HtmlSanitizer;
import io.genjin.classifier.text.HtmlText;
import io.genjin.classifier.tone.ToneClassifier;
import io.genjin.classifier.tone.ToneReading;
import io.genjin.classifier.topic.TopicDetector;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The classifier's one entry point. Build it once (it loads its models, about a second; the language
 * model only when {@link #understand} first needs it) and share it: {@link #understand(Email)} and {@link #read(String)} are thread-safe and do no I/O.
 *
 * <p>Order matters: a bounce is checked before an auto-reply (MTAs mark notices auto-replied), and
 * neither gets an intent — machine mail is not a customer speaking.
 */
public final class EmailUnderstanding {

    /** Loaded at the first {@link #understand}: ingestion ({@link #understandToLink}) never needs it. */
    private volatile LanguageDetector languages;
    private final IntentClassifier intents;
    private final BounceDetector bounces = new BounceDetector();
    private final AutoReplyDetector autoReplies = new AutoReplyDetector();
    private final ReplyStripper replies = new ReplyStripper();
    private final ForwardParser forwards = new ForwardParser();
    private final QuoteDetector quotes = new QuoteDetector();
    private final ToneClassifier tones;
    private final TopicDetector topics = new TopicDetector();
    /*
     * The tokens of the new texts understood lately, for read() to take instead of tokenising the same text
     * again (both models read the same tokens). A few, in any thread: an import understands the next message
     * on a second thread while the first is read. Most mail is never read (not a customer's), so it is bounded.
     */
    private final Map<String, String[]> recentWords = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
            return size() > RECENT_WORDS;
        }
    };
    private static final int RECENT_WORDS = 16;

    public EmailUnderstanding() {
        this(new IntentClassifier());
    }

    public EmailUnderstanding(IntentClassifier intents) {
        this(intents, new ToneClassifier());
    }

    public EmailUnderstanding(IntentClassifier intents, ToneClassifier tones) {
        this.intents = intents;
        this.tones = tones;
    }

    /**
     * Tone, dissatisfaction and topics of a customer's new text (the {@link Understanding#reply()}, not the
     * whole body: quoted history is someone else's words). Asked separately from {@link #understand} so that
     * a caller pays for it only on mail from a customer: one evaluation of the tone model and one pass of
     * the topic phrases. Thread-safe.
     */
    public Reading read(String newText) {
        if (newText == null || newText.isBlank()) {
            return Reading.NONE;
        }
        ToneReading tone = tones.read(newText, words(newText));
        return new Reading(tone.tone(), tone.dissatisfied(), tone.confidence(), topics.detect(newText));
    }

    public Understanding understand(Email email) {
        return understand(email, true);
    }

    /**
     * The same, less what only a person reading the result uses: the language and the HTML sanitized
     * for display come back empty. Ingestion links, routes and reads mail with the rest; those two
     * were a fifth of the classifier's time on an import (the language model and a second HTML parse).
     */
    public Understanding understandToLink(Email email) {
        return understand(email, false);
    }

    private LanguageDetector languages() {
        LanguageDetector loaded = languages;
        if (loaded == null) {
            synchronized (this) {
                loaded = languages;
                if (loaded == null) {
                    loaded = new LanguageDetector();
                    languages = loaded;
                }
            }
        }
        return loaded;
    }

    private Understanding understand(Email email, boolean forPeople) {
        String text = !email.text().isBlank() ? email.text() : HtmlText.toText(email.html());
        String safeHtml = forPeople ? HtmlSanitizer.sanitize(email.html(), false) : "";
        Reply reply = replies.strip(text, ReplyStripper.senderOf(email.from()));
        String newText = reply.text().isBlank() ? text : reply.text();
        String language = forPeople ? languages().detect(email.subject() + "\n" + newText) : "";
        // The bounce reader reads this text too (an HTML body's made once), but for a body with no HTML as it is.
        Bounce bounce = bounces.detect(email, email.html().isBlank() ? email.text() : text);
        AutoReply autoReply = bounce.kind() == Bounce.Kind.NONE
                ? autoReplies.detect(email, newText, () -> sentOn(email))
                : AutoReply.NONE;
        boolean machine = bounce.kind() != Bounce.Kind.NONE || autoReply.isAutoReply();
        Intent intent = machine ? Intent.NONE : intents.classify(email.subject(), newText, words(newText));
        boolean quote = !machine && quotes.isQuote(email.subject(), newText, email.attachmentNames());
        return new Understanding(language, text, safeHtml, reply.text(), reply.keptWhole(), reply.signature(), reply.isQuote(),
                forwards.parse(text, email.subject()), bounce, autoReply, intent, quote);
    }

    private String[] words(String newText) {
        synchronized (recentWords) {
            String[] known = recentWords.get(newText);
            if (known != null) {
                return known;
            }
        }
        String[] tokens = Tokens.of(Tokens.clip(newText));
        synchronized (recentWords) {
            recentWords.put(newText, tokens);
        }
        return tokens;
    }


    private static LocalDate sentOn(Email email) {
        String date = email.header("date");
        if (date.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(date.replaceAll("\\s*\\(.*\\)$", "").strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
