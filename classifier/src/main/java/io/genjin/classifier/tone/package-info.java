/**
 * Tone (positive, neutral, negative) and dissatisfaction of a customer's own words: one OpenNLP document
 * categorizer over the project's multilingual examples, answering neutral when it is not sure.
 */
package io.genjin.classifier.tone;
