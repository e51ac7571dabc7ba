package io.genjin.gateway.relay;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A salesperson's provider SMTP server, in process: requires AUTH with one login, records what it
 * accepts, and answers DATA with a chosen refusal (4xx or 5xx) when told to.
 */
final class FakeUpstream implements AutoCloseable {
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final SMTPServer server;
    private volatile int refuseCode;
    private volatile String refuseText;

    FakeUpstream(String username, String password) throws Exception {
        server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("smtp.provider.test")
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, p, c) -> {
                    if (!username.equals(u) || !password.equals(p)) {
                        throw new LoginFailedException();
                    }
                }))
                .requireAuth()
                .messageHandlerFactory(context -> new MessageHandler() {
                    private String from;
                    private final List<String> to = new ArrayList<>();

                    @Override
                    public void from(String f) {
                        from = f;
                    }

                    @Override
                    public void recipient(String r) {
                        to.add(r);
                    }

                    @Override
                    public String data(InputStream data) throws RejectException, IOException {
                        String text = new String(data.readAllBytes(), StandardCharsets.UTF_8);
                        if (refuseCode != 0) {
                            throw new RejectException(refuseCode, refuseText);
                        }
                        received.add(new Received(from, List.copyOf(to), text));
                        return null;
                    }

                    @Override
                    public void done() {
                    }
                }).build();
        server.start();
    }

    int port() {
        return server.getPortAllocated();
    }

    void refuse(int code, String text) {
        refuseCode = code;
        refuseText = text;
    }

    void accept() {
        refuseCode = 0;
    }

    @Override
    public void close() {
        server.stop();
    }

    record Received(String from, List<String> to, String message) {
    }
}
