package io.genjin.app.events;

/**
 * A listener of the domain events, fed from the outbox. Declare it as a bean under the role that owns
 * it ({@code @ConditionalOnRole}): it then runs only in processes with that role.
 *
 * <p>{@link Scope#SHARED}: one process of the role handles each event (the role's processes share
 * the customers through leases), at least once, in order per customer; the position is saved in the
 * store under {@link #name()}. {@link Scope#EACH_PROCESS}: every process with the role handles every
 * event written after it started (what lives in the process: its search index, its open pages).
 * Either way an event may come twice, so {@link #on} must be idempotent.
 */
public interface EventConsumer {
    enum Scope { SHARED, EACH_PROCESS }

    /** Names its saved position and leases; stable across releases. */
    String name();

    default Scope scope() {
        return Scope.SHARED;
    }

    /** Handles one event; events it does not care about are ignored. A throw retries the event later. */
    void on(Object event);

    /**
     * Called once after each round of events this consumer handled, before their positions are saved:
     * a consumer may put off part of its work from {@link #on} until here, to do it once for the round
     * (a customer's recount once for its ten new mails). Work put off must be done here, since a
     * position saved after this call is not handed again. A throw here hands the round's events to this
     * consumer again after a pause, as a throw from {@link #on} does (so what {@code on} records must
     * bear being recorded twice); after {@code attempts} rounds in a row the round is logged and passed.
     */
    default void roundEnd() {
    }

    /** A shared consumer that hands every event to {@code handler}, its position saved under {@code name}. */
    static EventConsumer named(String name, java.util.function.Consumer<Object> handler) {
        return named(name, handler, () -> { });
    }

    /** The same, calling {@code roundEnd} once after each round it handled (see {@link #roundEnd()}). */
    static EventConsumer named(String name, java.util.function.Consumer<Object> handler, Runnable roundEnd) {
        return new EventConsumer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void on(Object event) {
                handler.accept(event);
            }

            @Override
            public void roundEnd() {
                roundEnd.run();
            }
        };
    }
}
