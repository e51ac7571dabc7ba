package io.genjin.gateway.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw SMTP client for tests: says exactly what a test wants and shows every reply code, which a
 * mail library would hide behind exceptions.
 */
final class SmtpClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    /** The greeting, then EHLO. */
    static SmtpClient connect(int port) throws IOException {
        SmtpClient client = new SmtpClient(port);
        client.reply();
        client.command("EHLO client.test");
        return client;
    }

    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** Sends DATA and, on 354, the message with dot-stuffing and the final dot; the final reply. */
    String data(byte[] message) throws IOException {
        String go = command("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        if (!text.endsWith("\r\n")) {
            text += "\r\n";
        }
        StringBuilder stuffed = new StringBuilder();
        for (String line : text.substring(0, text.length() - 2).split("\r\n", -1)) {
            stuffed.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        out.write(stuffed.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** One whole reply, multi-line ones joined; the last line decides. */
    String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
            reply.append('\n');
        }
        return reply.append("<closed>").toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
