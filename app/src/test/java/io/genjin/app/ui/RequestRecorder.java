package io.genjin.app.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the outside world on 127.0.0.1: records every request's path and answers with a
 * one-pixel GIF. What hostile mail would fetch or call home to, pointed here, shows up in the list.
 */
final class RequestRecorder implements AutoCloseable {
    private static final byte[] PIXEL = java.util.Base64.getDecoder().decode("R0lGODlhAQABAAAAACwAAAAAAQABAAA=");
    private final HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    RequestRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Content-Type", "image/gif");
            exchange.sendResponseHeaders(200, PIXEL.length);
            exchange.getResponseBody().write(PIXEL);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<String> paths() {
        return List.copyOf(paths);
    }

    boolean saw(String prefix) {
        return paths.stream().anyMatch(p -> p.startsWith(prefix));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
