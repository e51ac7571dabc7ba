package io.genjin.app.search;

import io.genjin.gateway.reading.MailContent;
import io.genjin.store.message.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the index reads messages from: the store, and each message's text from its raw original. */
interface MessageSource {

    /** The stored messages with these Message-IDs, in their order (those not stored left out). */
    List<StoredMessage> byMessageIds(List<String> messageIds);

    /** Every message; the caller closes the stream. */
    Stream<StoredMessage> all();

    /** Messages stored at or after this instant; the caller closes the stream. */
    Stream<StoredMessage> storedSince(Instant since);

    /** The message's text (new part and quoted part) read from its raw original; empty when there is none. */
    Optional<MailContent> content(StoredMessage message);
}
