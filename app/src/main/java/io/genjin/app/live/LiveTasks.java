package io.genjin.app.live;

import io.genjin.app.events.EventConsumer;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.store.CrmStore;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Pushes a new HIGH priority intent task to its assignee's open pages: the task (title, link) and
 * the assignee's count of open HIGH tasks, the same number the pages render in the "My tasks" badge.
 * Only the assignee's streams get it. The task is read back from the store, so what is pushed is what
 * the tasks page will show; a task already closed or given to someone else is not pushed.
 *
 * <p>Every {@code api} process reads the events (each-process scope), as each holds its own open
 * pages. A task is pushed once per process: an event that comes again pushes nothing.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnRole(Roles.API)
class LiveTasks implements EventConsumer {
    static final String EVENT = "high-task";
    private static final Logger log = LoggerFactory.getLogger(LiveTasks.class);
    private final CrmStore store;
    private final LiveStreams streams;
    /** Tasks already pushed by this process (the last thousand): a redelivered event pushes nothing. */
    private final java.util.Set<String> pushed = java.util.Collections.newSetFromMap(java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > 1000;
                }
            }));

    LiveTasks(CrmStore store, LiveStreams streams) {
        this.store = store;
        this.streams = streams;
    }

    @Override
    public String name() {
        return "live-tasks";
    }

    @Override
    public Scope scope() {
        return Scope.EACH_PROCESS;
    }

    @Override
    public void on(Object event) {
        if (event instanceof CustomerShowedIntent e) {
            on(e);
        }
    }

    void on(CustomerShowedIntent event) {
        if (event.taskId() == null || !pushed.add(event.taskId())) {
            return;
        }
        store.tasks().find(event.taskId())
                .filter(t -> t.priority() == Priority.HIGH && t.status() == TaskStatus.OPEN && t.assigneeId() != null)
                .ifPresent(this::push);
    }

    void push(Task task) {
        long count = store.tasks().countOpen(task.assigneeId(), Priority.HIGH);
        int sent = streams.send(task.assigneeId(), EVENT,
                Map.of("taskId", task.id(), "title", task.title(), "count", count, "href", "/tasks#task-" + task.id()));
        log.info("live: task {} to {} ({} open page(s))", task.id(), task.assigneeId(), sent);
    }
}
