package io.genjin.gateway.imap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which folder holds the user's sent mail. First a folder flagged {@code \Sent} (RFC 6154
 * SPECIAL-USE, sent in LIST by Dovecot, Gmail, Exchange, Coremail); else the first of the usual
 * names, in this order, matched case-insensitively on the last path segment. Names arrive decoded
 * from IMAP modified UTF-7 (Angus decodes them: "&XfJT0ZAB-" is "已发送").
 */
final class SentFolders {
    static final List<String> NAMES = List.of("Sent Messages", "Sent Items", "Sent Mail", "Sent", "已发送", "已发送邮件");

    private SentFolders() {
    }

    /** A listed folder: its full name, hierarchy separator and LIST attributes. */
    record Listed(String fullName, char separator, List<String> attributes) {
        String leaf() {
            int at = separator == 0 ? -1 : fullName.lastIndexOf(separator);
            return fullName.substring(at + 1);
        }
    }

    static Optional<String> choose(List<Listed> folders) {
        for (Listed folder : folders) {
            if (folder.attributes().stream().anyMatch(a -> a.equalsIgnoreCase("\\Sent"))) {
                return Optional.of(folder.fullName());
            }
        }
        for (String name : NAMES) {
            for (Listed folder : folders) {
                if (folder.leaf().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                        && folder.attributes().stream().noneMatch(a -> a.equalsIgnoreCase("\\Noselect"))) {
                    return Optional.of(folder.fullName());
                }
            }
        }
        return Optional.empty();
    }
}
