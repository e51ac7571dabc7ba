package io.genjin.classifier;

import io.genjin.classifier.tone.Tone;
import io.genjin.classifier.topic.Topic;

import java.util.List;

/**
 * What a customer's own words say about the relationship: tone, dissatisfaction and topics, read from the
 * new text only (quotes and signature removed).
 *
 * @param confidence the tone model's probability for its best guess (below the threshold the tone is neutral)
 */
public record Reading(Tone tone, boolean dissatisfied, double confidence, List<Topic> topics) {

    public static final Reading NONE = new Reading(Tone.NEUTRAL, false, 0, List.of());

    public Reading {
        topics = List.copyOf(topics);
    }

    /** The topics by their stored names (lead-time, counter-offer, …). */
    public List<String> topicCodes() {
        return topics.stream().map(Topic::code).toList();
    }
}
