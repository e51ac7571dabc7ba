package io.genjin.app.gateway.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare SMTP session for the app's dropbox tests: one line out, one reply line back. */
final class SmtpSession implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpSession(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        expect(reply(), "220");
        expect(say("HELO client.test"), "250");
    }

    String say(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** One message; true on 250, false on any other final reply. A lost connection throws. */
    boolean send(String from, String to, String message) throws IOException {
        if (!say("MAIL FROM:<" + from + ">").startsWith("250")) {
            say("RSET");
            return false;
        }
        if (!say("RCPT TO:<" + to + ">").startsWith("250")) {
            say("RSET");
            return false;
        }
        expect(say("DATA"), "354");
        return say(message.replace("\n", "\r\n") + ".").startsWith("250");
    }

    private String reply() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("connection closed");
        }
        return line.length() > 3 && line.charAt(3) == '-' ? reply() : line;
    }

    private static void expect(String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
