package io.genjin.store.message;

/**
 * An attachment of a stored message, as the sender named and typed it. {@code index} is the part's
 * position in the message (what a download link names); {@code storedId} names its content in the
 * attachment store, or is null when it was too large to keep.
 */
public record StoredAttachment(int index, String name, String type, long size, String contentId, boolean inline,
        String storedId) {

    public boolean kept() {
        return storedId != null;
    }
}
