package io.genjin.app.search;

import io.genjin.gateway.reading.MailContent;
import io.genjin.store.message.StoredMessage;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the index reads messages from: the store, and each message's text from its raw original. */
interface MessageSource {

    Optional<StoredMessage> byMessageId(String messageId);

    /** Every message; the caller closes the stream. */
    Stream<StoredMessage> all();

    /** Messages stored at or after this instant; the caller closes the stream. */
    Stream<StoredMessage> storedSince(Instant since);

    /** The message's text (new part and quoted part) read from its raw original; empty when there is none. */
    Optional<MailContent> content(StoredMessage message);
}
