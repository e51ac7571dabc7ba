package io.genjin.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Dovecot on 127.0.0.1 through scripts/dovecot-test-server, with a Maildir written before it
 * starts. Skips the calling test where Dovecot cannot be had, except under CI=true, where it fails.
 * {@link #close()} stops every Dovecot process and deletes the directory.
 */
public final class DovecotTestServer implements AutoCloseable {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("scripts/dovecot-test-server");
    private final Path dir;
    private final int port;
    private final String user;
    private final String password;

    private DovecotTestServer(Path dir, int port, String user, String password) {
        this.dir = dir;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Writes {@code count} messages into INBOX, cycling through {@code corpus}, each with the id
     * {@code <idPrefix-i@genjin.test>} except every {@code noIdEvery}-th, which has none; then starts.
     */
    public static DovecotTestServer withInbox(int count, List<Path> corpus, String idPrefix, int noIdEvery)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("genjin-dovecot-");
        boolean ci = "true".equals(System.getenv("CI"));
        List<String> maildir = new ArrayList<>(List.of("maildir", dir.toString(), "INBOX", String.valueOf(count)));
        corpus.forEach(p -> maildir.add(p.toString()));
        String started = run(Map.of("ID_PREFIX", idPrefix, "NO_ID_EVERY", String.valueOf(noIdEvery)), maildir) == null ? null
                : run(Map.of(), List.of("start", dir.toString()));
        if (started == null) {
            stopAndDelete(dir);
            assumeTrue(ci, "Dovecot is not available here (scripts/dovecot-test-server failed)");
            assertThat(started).as("under CI=true Dovecot must start").isNotNull();
        }
        Map<String, String> info = Stream.of(started.trim().split(" ")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        return new DovecotTestServer(dir, Integer.parseInt(info.get("port")), info.get("user"), info.get("password"));
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** What the server holds, read over IMAP independently of the app: UID to Message-ID (null when none). */
    public Map<Long, String> messageIds(String folderName) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "30000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", port, user, password);
        try {
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            try {
                Message[] messages = folder.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add("Message-ID");
                folder.fetch(messages, profile);
                Map<Long, String> ids = new TreeMap<>();
                for (Message m : messages) {
                    String[] header = m.getHeader("Message-ID");
                    ids.put(((UIDFolder) folder).getUID(m),
                            header == null ? null : header[0].trim().replaceAll("^<|>$", ""));
                }
                return ids;
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    /** Delivers one message into a folder of the running server (doveadm save), as new mail arriving. */
    public void deliver(String folder, String raw) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "mail-", ".eml");
        Files.writeString(file, raw.replace("\r\n", "\n").replace("\n", "\r\n"), StandardCharsets.UTF_8);
        file.toFile().setReadable(true, false);
        assertThat(run(Map.of(), List.of("save", dir.toString(), folder, file.toString())))
                .as("doveadm save into " + folder).isNotNull();
        Files.delete(file);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stopAndDelete(dir);
    }

    private static void stopAndDelete(Path dir) throws IOException, InterruptedException {
        run(Map.of(), List.of("stop", dir.toString()));
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs the project script; its stdout, or null when it failed. */
    private static String run(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? out : null;
    }
}
