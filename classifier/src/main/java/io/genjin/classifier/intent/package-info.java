/**
 * Intent labels (OpenNLP document categorizer over the project's own multilingual examples), quotation and request rules.
 */
package io.genjin.classifier.intent;
