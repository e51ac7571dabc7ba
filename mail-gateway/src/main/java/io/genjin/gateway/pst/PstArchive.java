package io.genjin.gateway.pst;

import com.pff.PSTAttachment;
import com.pff.PSTException;
import com.pff.PSTFile;
import com.pff.PSTFolder;
import com.pff.PSTMessage;
import com.pff.PSTObject;
import com.pff.PSTRecipient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An Outlook .pst read with java-libpst: every folder is walked, depth first, and each item handed
 * over as a {@link PstItem} (mail or not: the caller counts what it skips).
 */
public final class PstArchive implements AutoCloseable {
    private final PSTFile pst;

    private PstArchive(PSTFile pst) {
        this.pst = pst;
    }

    /** Opens the file; refuses one that is not a .pst, or that Outlook protects with a password. */
    public static PstArchive open(Path file) throws UnreadablePst {
        PSTFile pst;
        try {
            pst = new PSTFile(file.toFile());
        } catch (PSTException | IOException | RuntimeException e) {
            throw new UnreadablePst("not-a-pst", "This is not an Outlook data file (.pst): " + e.getMessage());
        }
        try {
            if (pst.getMessageStore().isPasswordProtected()) {
                close(pst);
                throw new UnreadablePst("pst-password",
                        "This .pst is protected by a password: remove it in Outlook (Account Settings > Data Files > "
                                + "Settings > Change Password, leave the new one empty), then import it again.");
            }
        } catch (PSTException | IOException | RuntimeException e) {
            close(pst);
            throw new UnreadablePst("not-a-pst", "This Outlook data file cannot be read: " + e.getMessage());
        }
        return new PstArchive(pst);
    }

    /**
     * How many items a walk will hand over, from each folder's table of child nodes (no item is read), so
     * the walk can tell how far it is; 0 when the folder tree cannot be read. A folder's own content count
     * is not used: search folders ("All Messages", "Reminders") count items they do not hold.
     */
    public int itemCount() {
        try {
            return count(pst.getRootFolder());
        } catch (PSTException | IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int count(PSTFolder folder) throws PSTException, IOException {
        int n = folder.getContentCount() > 0 ? folder.getChildDescriptorNodes().size() : 0;
        if (folder.hasSubfolders()) {
            for (PSTFolder sub : folder.getSubFolders()) {
                n += count(sub);
            }
        }
        return n;
    }

    /** Every item of every folder, in folder order. */
    public void forEach(ItemConsumer consumer) throws IOException {
        try {
            walk(pst.getRootFolder(), consumer);
        } catch (PSTException e) {
            throw new IOException("the .pst cannot be read on: " + e.getMessage(), e);
        }
    }

    private void walk(PSTFolder folder, ItemConsumer consumer) throws PSTException, IOException {
        if (folder.getContentCount() > 0) {
            for (PSTObject child = folder.getNextChild(); child != null; child = folder.getNextChild()) {
                if (child instanceof PSTMessage message) {
                    consumer.accept(item(message));
                } else {
                    consumer.accept(new PstItem(child.getMessageClass() == null ? "?" : child.getMessageClass(), null,
                            null, null, null, null, null, null, null, null, null));
                }
            }
        }
        if (folder.hasSubfolders()) {
            for (PSTFolder sub : folder.getSubFolders()) {
                walk(sub, consumer);
            }
        }
    }

    static PstItem item(PSTMessage m) throws PSTException, IOException {
        // Contacts, appointments, distribution lists and tasks are PSTMessage subclasses: only their class matters.
        if (!m.getMessageClass().regionMatches(true, 0, "IPM.Note", 0, 8)) {
            return new PstItem(m.getMessageClass(), null, null, null, null, null, null, null, null, null, null);
        }
        List<PstItem.Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < m.getNumberOfRecipients(); i++) {
            PSTRecipient r = m.getRecipient(i);
            String smtp = r.getSmtpAddress();
            recipients.add(new PstItem.Recipient(switch (r.getRecipientType()) {
                case PSTRecipient.MAPI_CC -> PstItem.Recipient.Kind.CC;
                case PSTRecipient.MAPI_BCC -> PstItem.Recipient.Kind.BCC;
                default -> PstItem.Recipient.Kind.TO;
            }, r.getDisplayName(), smtp != null && !smtp.isBlank() ? smtp : r.getEmailAddress()));
        }
        List<PstItem.Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < m.getNumberOfAttachments(); i++) {
            PSTAttachment a = m.getAttachment(i);
            if (a.getAttachMethod() == PSTAttachment.ATTACHMENT_METHOD_EMBEDDED) {
                continue; // an attached message: its own item, not bytes of this one
            }
            try (InputStream in = a.getFileInputStream()) {
                if (in == null) {
                    continue;
                }
                String name = a.getLongFilename().isBlank() ? a.getFilename() : a.getLongFilename();
                attachments.add(new PstItem.Attachment(name, a.getMimeTag(), a.getContentId(), in.readAllBytes()));
            }
        }
        java.util.Date date = m.getClientSubmitTime() != null ? m.getClientSubmitTime() : m.getMessageDeliveryTime();
        return new PstItem(m.getMessageClass(), m.getTransportMessageHeaders(), m.getSubject(),
                new PstItem.Party(m.getSenderName(), m.getSenderEmailAddress()), recipients,
                date == null ? null : date.toInstant(), m.getInternetMessageId(), m.getInReplyToId(), m.getBody(),
                m.getBodyHTML(), attachments);
    }

    @Override
    public void close() {
        close(pst);
    }

    private static void close(PSTFile pst) {
        try {
            pst.getFileHandle().close();
        } catch (IOException | RuntimeException ignored) {
            // read-only handle: nothing to lose
        }
    }

    @FunctionalInterface
    public interface ItemConsumer {
        void accept(PstItem item) throws IOException;
    }

    /** A file that is not a .pst we can read; {@code reason} is a code the page translates. */
    public static final class UnreadablePst extends Exception {
        private final String reason;

        public UnreadablePst(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
