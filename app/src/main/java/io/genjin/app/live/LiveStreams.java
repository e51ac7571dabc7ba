package io.genjin.app.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent-event streams of this process, by user. An event for a user goes to that
 * user's streams only; a stream that fails to take a write (the tab was closed), times out or
 * completes is dropped. A user holds at most {@code maxPerUser} streams: a new one closes the oldest,
 * so a page reloaded in a loop cannot pile up threads or sockets.
 */
public final class LiveStreams {
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
    private final Map<String, Deque<SseEmitter>> byUser = new ConcurrentHashMap<>();
    private final int maxPerUser;
    private final long timeoutMillis;

    LiveStreams(int maxPerUser, long timeoutMillis) {
        this.maxPerUser = maxPerUser;
        this.timeoutMillis = timeoutMillis;
    }

    /** A new stream for this user, registered until it ends. */
    SseEmitter open(String userId) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        SseEmitter[] evicted = new SseEmitter[1];
        // compute() is atomic per key, so an open never races a removal that empties the list.
        byUser.compute(userId, (id, streams) -> {
            Deque<SseEmitter> list = streams == null ? new ArrayDeque<>() : streams;
            list.addLast(emitter);
            if (list.size() > maxPerUser) {
                evicted[0] = list.pollFirst();
            }
            return list;
        });
        Runnable drop = () -> remove(userId, emitter);
        emitter.onCompletion(drop);
        emitter.onTimeout(() -> {
            drop.run();
            emitter.complete();
        });
        emitter.onError(e -> drop.run());
        if (evicted[0] != null) {
            evicted[0].complete();
        }
        return emitter;
    }

    /** Sends one named event with a JSON body to every open stream of this user; returns how many took it. */
    int send(String userId, String name, Object data) {
        int sent = 0;
        for (SseEmitter emitter : streamsOf(userId)) {
            if (write(userId, emitter, SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON))) {
                sent++;
            }
        }
        return sent;
    }

    /** A comment line on every stream: keeps idle connections open and finds closed ones. */
    void heartbeat() {
        byUser.keySet().forEach(userId -> streamsOf(userId)
                .forEach(emitter -> write(userId, emitter, SseEmitter.event().comment("hb"))));
    }

    /** How many streams this user has open here (operations, tests). */
    public int count(String userId) {
        return streamsOf(userId).size();
    }

    /** Ends every stream (shutdown): the browsers reconnect to whichever process serves them next. */
    void closeAll() {
        for (String userId : List.copyOf(byUser.keySet())) {
            streamsOf(userId).forEach(SseEmitter::complete);
            byUser.remove(userId);
        }
    }

    private boolean write(String userId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException gone) {
            log.debug("live stream of {} closed: {}", userId, gone.toString());
            remove(userId, emitter);
            emitter.completeWithError(gone);
            return false;
        }
    }

    private List<SseEmitter> streamsOf(String userId) {
        List<SseEmitter> copy = new java.util.ArrayList<>();
        byUser.computeIfPresent(userId, (id, streams) -> {
            copy.addAll(streams);
            return streams;
        });
        return copy;
    }

    private void remove(String userId, SseEmitter emitter) {
        byUser.computeIfPresent(userId, (id, streams) -> {
            streams.remove(emitter);
            return streams.isEmpty() ? null : streams;
        });
    }
}
