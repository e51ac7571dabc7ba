package io.genjin.gateway.smtp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two header fields the dropbox itself reads; everything else is the pipeline's job. */
final class HeaderFields {
    private static final Pattern FROM = Pattern.compile("(?im)^from[ \t]*:(.*)$");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^message-id[ \t]*:[ \t]*<?([^>\\s]*)>?");

    private HeaderFields() {
    }

    /** The addresses in From: (RFC 5322 §3.6.2 allows several), lower-cased. */
    static List<String> from(String unfoldedHeaders) {
        Matcher m = FROM.matcher(unfoldedHeaders);
        if (!m.find()) {
            return List.of();
        }
        try {
            return Arrays.stream(InternetAddress.parseHeader(m.group(1).trim(), false))
                    .map(a -> a.getAddress() == null ? "" : a.getAddress().toLowerCase(Locale.ROOT)).toList();
        } catch (AddressException e) {
            return List.of();
        }
    }

    /** The Message-ID, for the log line only (the pipeline decides the one it stores). */
    static String messageId(String unfoldedHeaders) {
        Matcher m = MESSAGE_ID.matcher(unfoldedHeaders);
        return m.find() ? m.group(1) : "-";
    }
}
