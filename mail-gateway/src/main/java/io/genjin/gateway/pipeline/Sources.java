package io.genjin.gateway.pipeline;

import io.genjin.gateway.MailSource;
import io.genjin.store.message.MailboxRef;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link MailSource} as the error store and the dropbox's journal keep it (plain strings), and back;
 * and its mailbox reference.
 */
public final class Sources {
    private Sources() {
    }

    public static Map<String, String> describe(MailSource source) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("owner", String.valueOf(source.ownerUserId()));
        if (source instanceof MailSource.Imap i) {
                m.put("kind", "imap");
                m.put("account", i.accountId());
                m.put("folder", i.folder());
                m.put("uidValidity", Long.toString(i.uidValidity()));
                m.put("uid", Long.toString(i.uid()));
                m.put("sentFolder", Boolean.toString(i.sentFolder()));
        } else if (source instanceof MailSource.Dropbox d) {
                m.put("kind", "dropbox");
                m.put("mode", d.mode().name());
                m.put("envelopeFrom", String.valueOf(d.envelopeFrom()));
                m.put("envelopeRecipients", String.join(",", d.envelopeRecipients()));
        } else if (source instanceof MailSource.Sent s) {
                m.put("kind", "sent");
                m.put("via", s.via().name());
                m.put("envelopeFrom", String.valueOf(s.envelopeFrom()));
                m.put("envelopeRecipients", String.join(",", s.envelopeRecipients()));
        } else if (source instanceof MailSource.Addin) {
                m.put("kind", "addin");
        } else if (source instanceof MailSource.Import i) {
                m.put("kind", "import");
                m.put("origin", String.valueOf(i.origin()));
        }
        return m;
    }

    public static MailSource restore(Map<String, String> m) {
        String owner = "null".equals(m.get("owner")) ? null : m.get("owner");
        return switch (m.getOrDefault("kind", "import")) {
            case "imap" -> new MailSource.Imap(m.get("account"), owner, m.get("folder"), Long.parseLong(m.get("uidValidity")),
                    Long.parseLong(m.get("uid")), Boolean.parseBoolean(m.get("sentFolder")));
            case "dropbox" -> new MailSource.Dropbox(MailSource.Dropbox.Mode.valueOf(m.get("mode")), owner,
                    m.get("envelopeFrom"), m.get("envelopeRecipients").isEmpty() ? List.of()
                            : Arrays.asList(m.get("envelopeRecipients").split(",")));
            case "sent" -> new MailSource.Sent(MailSource.Sent.Via.valueOf(m.get("via")), owner, m.get("envelopeFrom"),
                    m.get("envelopeRecipients").isEmpty() ? List.of()
                            : Arrays.asList(m.get("envelopeRecipients").split(",")));
            case "addin" -> new MailSource.Addin(owner);
            default -> new MailSource.Import(owner, m.get("origin"));
        };
    }

    static MailboxRef mailbox(MailSource source) {
        if (source instanceof MailSource.Imap i) {
            return new MailboxRef(i.ownerUserId(), i.folder(), i.uid());
        }
        if (source instanceof MailSource.Dropbox d) {
            return new MailboxRef(d.ownerUserId(), "dropbox:" + d.mode().name().toLowerCase(java.util.Locale.ROOT), null);
        }
        if (source instanceof MailSource.Sent s) {
            return new MailboxRef(s.ownerUserId(), "sent:" + s.via().name().toLowerCase(java.util.Locale.ROOT), null);
        }
        if (source instanceof MailSource.Addin a) {
            return new MailboxRef(a.ownerUserId(), "addin", null);
        }
        return new MailboxRef(source.ownerUserId(), "import", null);
    }
}
