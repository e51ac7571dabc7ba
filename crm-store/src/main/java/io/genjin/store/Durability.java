package io.genjin.store;

/**
 * Makes acknowledged writes durable before the caller tells anyone they are safe (an SMTP 250, an
 * IMAP checkpoint, an API response): on the disk, so that they survive a crash of the machine or a
 * power cut, not only one of the process. A real MongoDB does this per write through its write concern
 * ({@code journal=true}), so its implementation does nothing; the embedded store commits its file and
 * syncs it.
 */
@FunctionalInterface
public interface Durability {
    Durability WRITE_CONCERN = new Durability() {
        @Override
        public void flush() {
        }

        @Override
        public boolean commits() {
            return false;
        }
    };

    void flush();

    /**
     * Whether {@link #flush()} does work of its own (the embedded store commits its file and syncs it), so
     * that a caller keeping a durable journal of what it acknowledges may flush less often; false when each
     * write is durable already.
     */
    default boolean commits() {
        return true;
    }
}
