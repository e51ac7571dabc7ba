package io.genjin.gateway.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Drives a real SMTP listener with a client script the fuzzer writes, so seeds are readable
 * transcripts: one command per line; a {@code DATA} line sends the following lines up to a lone
 * {@code .} as the message (dot-stuffed, as a client would); the line after a 334 challenge is the
 * answer. A line {@code =text} is sent base64-encoded (an AUTH answer), and {@code AUTH PLAIN =user
 * pass} as the RFC 4616 form of that user and password. {@code macros} replaces placeholders such as a
 * password only the test knows.
 *
 * <p>Every reply must be well formed and carry one of the codes the servers document; anything else,
 * or a server that stops answering, fails the input. The script ends early when the server closes.
 */
public final class FuzzedSmtpSession implements AutoCloseable {
    /** What the listeners may answer; a 4xx/5xx outside this list means an unplanned failure. */
    public static final Set<Integer> DOCUMENTED = Set.of(220, 221, 235, 250, 251, 252, 334, 354,
            421, 452, 454, 500, 501, 502, 503, 504, 530, 535, 538, 550, 551, 552, 553, 554, 555);
    private static final int MAX_LINE = 2_000;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private final List<String> transcript = new ArrayList<>();
    private boolean closed;

    public FuzzedSmtpSession(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        // A server that stops answering fails the input rather than hanging the fuzzer.
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        streams();
        reply();
    }

    /** What a step did: the command as sent (a DATA step shows as "DATA") and the final reply. */
    public record Step(String command, String reply) {
        public int code() {
            String last = reply.substring(reply.lastIndexOf('\n') + 1);
            return last.length() < 3 ? 0 : Integer.parseInt(last.substring(0, 3));
        }
    }

    /** Something that can take over the connection after a 220 to STARTTLS (the relay's tests). */
    public interface Tls {
        Socket wrap(Socket plain) throws IOException;
    }

    /** Runs the script; returns each step with its reply. */
    public List<Step> run(byte[] script, UnaryOperator<String> macros, Tls tls) throws IOException {
        List<Step> steps = new ArrayList<>();
        String[] lines = new String(script, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length && !closed; i++) {
            String line = macros.apply(lines[i]);
            if (line.length() > MAX_LINE) {
                line = line.substring(0, MAX_LINE);
            }
            if (line.trim().equalsIgnoreCase("DATA")) {
                StringBuilder body = new StringBuilder();
                for (i++; i < lines.length && !lines[i].equals("."); i++) {
                    body.append(lines[i]).append('\n');
                }
                steps.add(new Step("DATA", data(body.toString().getBytes(StandardCharsets.UTF_8))));
                continue;
            }
            String reply = say(encoded(line));
            while (reply.startsWith("334") && !closed) {
                i++;
                reply = say(i < lines.length ? encoded(macros.apply(lines[i])) : "*");
            }
            if (reply.startsWith("220") && line.trim().equalsIgnoreCase("STARTTLS")) {
                if (tls == null) {
                    break;
                }
                socket = tls.wrap(socket);
                streams();
            }
            steps.add(new Step(line, reply));
        }
        return steps;
    }

    private static String encoded(String line) {
        if (line.regionMatches(true, 0, "AUTH PLAIN =", 0, 12)) {
            String[] userPass = line.substring(12).split(" ", 2);
            String plain = "\0" + userPass[0] + "\0" + (userPass.length > 1 ? userPass[1] : "");
            return line.substring(0, 11) + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }
        if (line.startsWith("=")) {
            return Base64.getEncoder().encodeToString(line.substring(1).getBytes(StandardCharsets.UTF_8));
        }
        return line;
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    /** One command line and its whole reply; a 354 the script did not plan is ended with an empty message. */
    private String say(String line) throws IOException {
        String reply = send(line.replace("\r", "").replace("\n", "").getBytes(StandardCharsets.UTF_8), line);
        return reply.startsWith("354") ? send(".".getBytes(StandardCharsets.US_ASCII), ".") : reply;
    }

    /** DATA, then on 354 the body dot-stuffed with the final dot; the final reply. */
    private String data(byte[] body) throws IOException {
        String go = send("DATA".getBytes(StandardCharsets.US_ASCII), "DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        StringBuilder stuffed = new StringBuilder();
        for (String line : new String(body, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            stuffed.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        return send((stuffed + ".").getBytes(StandardCharsets.ISO_8859_1), "<" + body.length + " bytes>");
    }

    private String send(byte[] line, String shown) throws IOException {
        if (closed) {
            return "";
        }
        transcript.add("C: " + shown);
        try {
            // One write per line: a line and its CRLF in two segments waits out a delayed ACK.
            byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] whole = java.util.Arrays.copyOf(line, line.length + 2);
            System.arraycopy(crlf, 0, whole, line.length, 2);
            out.write(whole);
            out.flush();
        } catch (SocketException gone) {
            closed = true;
            return "";
        }
        return reply();
    }

    /** Reads one whole reply and checks its form and code. */
    private String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String line = readLine(); ; line = readLine()) {
            if (line == null) {
                closed = true;
                return all.toString();
            }
            transcript.add("S: " + line);
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
                    || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new AssertionError("malformed reply line '" + line + "'\n" + transcript());
            }
            int code = Integer.parseInt(line.substring(0, 3));
            if (!DOCUMENTED.contains(code)) {
                throw new AssertionError("undocumented reply '" + line + "'\n" + transcript());
            }
            all.append(all.isEmpty() ? "" : "\n").append(line);
            if (line.length() == 3 || line.charAt(3) == ' ') {
                closed |= code == 421;
                return all.toString();
            }
        }
    }

    /** A reset connection is the server closing, not a failure of the input. */
    private String readLine() throws IOException {
        try {
            return in.readLine();
        } catch (SocketException reset) {
            return null;
        }
    }

    public String transcript() {
        return String.join("\n", transcript.subList(Math.max(0, transcript.size() - 40), transcript.size()));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
