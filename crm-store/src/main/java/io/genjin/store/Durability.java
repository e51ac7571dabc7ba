package io.genjin.store;

/**
 * Makes acknowledged writes durable before the caller tells anyone they are safe (an SMTP 250, an
 * IMAP checkpoint, an API response). A real MongoDB does this per write through its write concern,
 * so its implementation does nothing; the embedded store commits its file.
 */
@FunctionalInterface
public interface Durability {
    Durability WRITE_CONCERN = () -> { };

    void flush();
}
