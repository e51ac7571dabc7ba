package io.genjin.classifier.reply;

import java.util.Optional;

/**
 * The sender's signature block and what it says about them (to enrich the contact).
 *
 * @param text the signature lines as written, or empty
 */
public record Signature(String text, Optional<String> name, Optional<String> title, Optional<String> company,
                        Optional<String> phone) {

    public static final Signature NONE = new Signature("", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public boolean isEmpty() {
        return text.isBlank();
    }
}
