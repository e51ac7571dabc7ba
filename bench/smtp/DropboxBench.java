import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.smtp.DropboxSettings;
import io.genjin.gateway.smtp.KnownSenders;
import io.genjin.gateway.smtp.SmtpDropbox;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dropbox's SMTP layer alone, for bench/smtp: the real SmtpDropbox with an ingestion that only
 * keeps the raw message durably (write + fsync, what Postfix's cleanup does for a queue file).
 * Prints "port N" when listening; runs until stdin closes. Single-file program on mail-gateway's
 * class path.
 */
public class DropboxBench {
    public static void main(String[] args) throws Exception {
        String sender = args[0];
        Path kept = Files.createDirectories(Path.of(args[1]));
        Path spool = Files.createDirectories(Path.of(args[2]));
        AtomicLong counter = new AtomicLong();
        MailIngestion keepRaw = (mail, source) -> {
            long n = counter.incrementAndGet();
            Path file = kept.resolve(n + ".eml");
            try (InputStream in = mail.open();
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                in.transferTo(out);
                channel.force(true);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new IngestResult(IngestResult.Outcome.STORED, "m" + n, "s" + n, null, null);
        };
        KnownSenders senders = a -> a.equalsIgnoreCase(sender)
                ? Optional.of(new KnownSenders.Sender("bench", List.of(sender))) : Optional.empty();
        DropboxSettings settings = new DropboxSettings("127.0.0.1", 0, "genjin.bench", List.of("bcc@crm.local"),
                List.of("fwd@crm.local"), 25L << 20, 100, Duration.ofMinutes(1), spool, false, List.of());
        try (SmtpDropbox dropbox = new SmtpDropbox(settings, senders, keepRaw).start()) {
            System.out.println("port " + dropbox.port());
            System.out.flush();
            while (System.in.read() != -1) {
                // runs until the script closes stdin
            }
        }
        System.out.println("ingested " + counter.get());
    }
}
