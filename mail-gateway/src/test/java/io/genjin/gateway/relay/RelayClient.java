package io.genjin.gateway.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An SMTP client that says exactly what a test tells it to, STARTTLS included (trusting the relay's
 * self-signed certificate, as a user who accepted it once). Multi-line replies come back whole.
 */
final class RelayClient implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    final String greeting;

    RelayClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        streams();
        greeting = reply();
    }

    String say(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** STARTTLS and a fresh EHLO; returns the EHLO reply over TLS. */
    String startTls() throws Exception {
        String ready = say("STARTTLS");
        if (!ready.startsWith("220")) {
            throw new IOException("STARTTLS refused: " + ready);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        secure.setUseClientMode(true);
        secure.startHandshake();
        socket = secure;
        streams();
        return say("EHLO client.test");
    }

    String authPlain(String username, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + username + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
        return say("AUTH PLAIN " + token);
    }

    /** Signs in over TLS: EHLO, STARTTLS, EHLO, AUTH PLAIN; returns the AUTH reply. */
    String signIn(String username, String password) throws Exception {
        say("EHLO client.test");
        startTls();
        return authPlain(username, password);
    }

    /** MAIL, RCPT…, DATA and the message; the final reply (or the first refusal). */
    String send(String from, String message, String... to) throws IOException {
        String mail = say("MAIL FROM:<" + from + ">");
        if (!mail.startsWith("250")) {
            return mail;
        }
        for (String rcpt : to) {
            String r = say("RCPT TO:<" + rcpt + ">");
            if (!r.startsWith("250")) {
                return r;
            }
        }
        String data = say("DATA");
        if (!data.startsWith("354")) {
            return data;
        }
        return say(message.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n.");
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    private String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String line = in.readLine(); ; line = in.readLine()) {
            if (line == null) {
                throw new IOException("connection closed after: " + all);
            }
            all.append(all.isEmpty() ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return all.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
