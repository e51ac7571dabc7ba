package io.genjin.classifier.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** RFC 3464 §2.1: a delivery-status body is header-like field groups separated by blank lines. */
final class DeliveryStatusFields {

    private DeliveryStatusFields() {
    }

    /** Field groups, each a map of lower-cased name to value (folded lines joined). */
    static List<Map<String, String>> groups(String content) {
        List<Map<String, String>> groups = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastName = null;
        for (String line : content.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    groups.add(current);
                    current = new LinkedHashMap<>();
                }
                lastName = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && lastName != null) {
                current.merge(lastName, " " + line.strip(), String::concat);
            } else {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).matches("[A-Za-z][A-Za-z0-9-]*")) {
                    lastName = line.substring(0, colon).toLowerCase(Locale.ROOT);
                    current.putIfAbsent(lastName, line.substring(colon + 1).strip());
                }
            }
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /** Strips the address-type ("rfc822;") or diagnostic-type ("smtp;") prefix. */
    static String typed(String value) {
        if (value == null) {
            return "";
        }
        int semicolon = value.indexOf(';');
        String result = semicolon >= 0 && semicolon < 12 ? value.substring(semicolon + 1) : value;
        return result.strip();
    }
}
