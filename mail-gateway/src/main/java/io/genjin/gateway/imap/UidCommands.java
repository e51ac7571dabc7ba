package io.genjin.gateway.imap;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Predicate;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * The few UID commands the sync needs, sent raw through Angus so one round trip carries a whole
 * batch ({@code Message} objects would fetch one message per round trip). Every answer is filtered
 * to the UIDs asked for: {@code UID FETCH n:*} and {@code UID SEARCH UID n:*} return the folder's
 * last message even when its UID is below n (RFC 3501 §6.4.8, "*" is the largest UID in use).
 */
final class UidCommands {
    private UidCommands() {
    }

    /** {@code UID SEARCH SINCE date}: the UIDs of messages that arrived on or after that day. */
    static List<Long> since(IMAPFolder folder, Date day) throws MessagingException {
        SimpleDateFormat imapDate = new SimpleDateFormat("d-MMM-yyyy", Locale.ENGLISH);
        imapDate.setTimeZone(TimeZone.getTimeZone("UTC"));
        return search(folder, "SINCE " + imapDate.format(day), uid -> true);
    }

    /** The UIDs above {@code lastSeen}. */
    static List<Long> above(IMAPFolder folder, long lastSeen) throws MessagingException {
        return search(folder, "UID " + (lastSeen + 1) + ":*", uid -> uid > lastSeen);
    }

    /** The highest UID in use, or 0 when the folder is empty. */
    static long highest(IMAPFolder folder) throws MessagingException {
        return search(folder, "ALL", uid -> true).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** RFC822.SIZE of each UID still present. */
    static Map<Long, Long> sizes(IMAPFolder folder, List<Long> uids) throws MessagingException {
        Set<Long> wanted = Set.copyOf(uids);
        Map<Long, Long> sizes = new HashMap<>();
        for (FetchResponse f : fetch(folder, "UID FETCH " + UidSet.of(uids) + " (UID RFC822.SIZE)")) {
            UID uid = f.getItem(UID.class);
            RFC822SIZE size = f.getItem(RFC822SIZE.class);
            if (uid != null && size != null && wanted.contains(uid.uid)) {
                sizes.put(uid.uid, size.size);
            }
        }
        return sizes;
    }

    /** Whole messages in one round trip; the caller keeps the batch small enough for the heap. */
    static Map<Long, byte[]> bodies(IMAPFolder folder, List<Long> uids) throws MessagingException {
        Set<Long> wanted = Set.copyOf(uids);
        Map<Long, byte[]> bodies = new HashMap<>();
        for (FetchResponse f : fetch(folder, "UID FETCH " + UidSet.of(uids) + " (UID BODY.PEEK[])")) {
            UID uid = f.getItem(UID.class);
            BODY body = f.getItem(BODY.class);
            if (uid != null && body != null && wanted.contains(uid.uid)) {
                ByteArray bytes = body.getByteArray();
                bodies.put(uid.uid, bytes == null ? new byte[0] : bytes.getNewBytes());
            }
        }
        return bodies;
    }

    /**
     * Streams one message to a file in pieces of {@code piece} bytes (partial FETCH, RFC 3501
     * §6.4.5), so a 100 MB message never sits in the heap. False when the message is gone.
     */
    static boolean streamTo(IMAPFolder folder, long uid, Path file, int piece) throws MessagingException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long offset = 0; ; offset += piece) {
                BODY part = null;
                for (FetchResponse f : fetch(folder, "UID FETCH " + uid + " (UID BODY.PEEK[]<" + offset + "." + piece + ">)")) {
                    UID u = f.getItem(UID.class);
                    if (u != null && u.uid == uid) {
                        part = f.getItem(BODY.class);
                    }
                }
                if (part == null) {
                    return offset > 0;
                }
                ByteArray bytes = part.getByteArray();
                int count = bytes == null ? 0 : bytes.getCount();
                if (count > 0) {
                    out.write(bytes.getBytes(), bytes.getStart(), count);
                }
                if (count < piece) {
                    return true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the temporary message file " + file, e);
        }
    }

    private static List<Long> search(IMAPFolder folder, String criteria, Predicate<Long> keep) throws MessagingException {
        @SuppressWarnings("unchecked")
        List<Long> uids = (List<Long>) folder.doCommand(p -> {
            Response[] responses = p.command("UID SEARCH " + criteria, null);
            Response status = responses[responses.length - 1];
            List<Long> found = new ArrayList<>();
            if (status.isOK()) {
                for (int i = 0; i < responses.length - 1; i++) {
                    if (responses[i] instanceof IMAPResponse r && r.keyEquals("SEARCH")) {
                        for (long uid; (uid = r.readLong()) > 0; ) {
                            if (keep.test(uid)) {
                                found.add(uid);
                            }
                        }
                        responses[i] = null;
                    }
                }
            }
            p.notifyResponseHandlers(responses);
            p.handleResult(status);
            return found;
        });
        return uids;
    }

    private static List<FetchResponse> fetch(IMAPFolder folder, String command) throws MessagingException {
        @SuppressWarnings("unchecked")
        List<FetchResponse> fetched = (List<FetchResponse>) folder.doCommand(p -> {
            Response[] responses = p.command(command, null);
            Response status = responses[responses.length - 1];
            List<FetchResponse> found = new ArrayList<>();
            for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof FetchResponse f && f.getItem(UID.class) != null) {
                    found.add(f);
                    responses[i] = null;
                }
            }
            p.notifyResponseHandlers(responses);
            p.handleResult(status);
            return found;
        });
        return fetched;
    }
}
