package io.genjin.classifier.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** Human-facing command-line strings, from {@code messages.properties} / {@code messages_zh_CN.properties}. */
final class Messages {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.genjin.classifier.cli.messages", Locale.getDefault());

    private Messages() {
    }

    static String get(String key, Object... args) {
        return MessageFormat.format(BUNDLE.getString(key), args);
    }
}
