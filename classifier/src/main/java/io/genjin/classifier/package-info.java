/**
 * Email understanding as a pure library: HTML to text, reply-quote and signature stripping,
 * language detection, bounce and auto-reply detection, intent labels and quote detection.
 */
package io.genjin.classifier;
