package io.genjin.store.message;

import java.util.List;

/**
 * What the classifier read in a customer's own words (quotes and signature removed) of an inbound message:
 * the {@code reading} subdocument of a stored message. Definitions in docs/classifier.md.
 *
 * @param intent       the intent label in lower case, or null when the classifier was not confident
 * @param tone         positive, neutral or negative
 * @param dissatisfied a complaint, a claim, a threat to cancel or anger at a delay
 * @param topics       from lead-time, counter-offer, certification, new-product, sample, payment-delay
 */
public record MailReading(String intent, String tone, boolean dissatisfied, List<String> topics) {
    public MailReading {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }
}
