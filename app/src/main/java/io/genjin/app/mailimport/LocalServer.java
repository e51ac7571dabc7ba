package io.genjin.app.mailimport;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The file by which {@code genjin import} finds a server running on the same data directory and
 * hands it the archive: {@code <data-dir>/local-server}, holding the server's port and a secret made
 * at each start. It is created readable by its owner only (whoever may read it may read the data
 * file itself), deleted when the server stops, and the secret it holds opens the mail-import API only
 * ({@link LocalImportSignIn}).
 */
public record LocalServer(int port, String secret) {
    public static final String FILE = "local-server";
    /** Marks the secret, so the API tells it from a personal token by its form. */
    public static final String PREFIX = "genjin-local-";

    static LocalServer create(int port) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new LocalServer(port, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    void write(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        Files.deleteIfExists(file); // left by a server that was killed
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("another server is starting on " + dataDir, raced);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write("# Written by the Genjin server running on this data directory; deleted when it stops.\n");
            out.write("port=" + port + "\nsecret=" + secret + "\n");
        }
    }

    /** The server's file in this data directory, when there is one. */
    public static Optional<LocalServer> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new LocalServer(Integer.parseInt(p.getProperty("port", "0").trim()),
                    p.getProperty("secret", "").trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
