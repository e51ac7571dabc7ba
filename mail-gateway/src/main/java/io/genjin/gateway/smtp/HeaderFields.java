package io.genjin.gateway.smtp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
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

    /**
     * The addresses in every From: field, lower-cased (RFC 5322 §3.6.2 allows several addresses in one
     * field, and only one field; a message with more is read with all of them, as the MIME parser
     * does, so a second From: cannot slip past the check). Empty when there is none or one does not parse.
     */
    static List<String> from(String unfoldedHeaders) {
        Matcher m = FROM.matcher(unfoldedHeaders);
        List<String> addresses = new ArrayList<>();
        while (m.find()) {
            try {
                Arrays.stream(InternetAddress.parseHeader(m.group(1).trim(), false))
                        .map(a -> a.getAddress() == null ? "" : a.getAddress().toLowerCase(Locale.ROOT))
                        .forEach(addresses::add);
            } catch (AddressException e) {
                return List.of();
            }
        }
        return List.copyOf(addresses);
    }

    /** The Message-ID, for the log line only (the pipeline decides the one it stores). */
    static String messageId(String unfoldedHeaders) {
        Matcher m = MESSAGE_ID.matcher(unfoldedHeaders);
        return m.find() ? m.group(1) : "-";
    }
}
