/**
 * HTML to plain text and HTML sanitized for display (Jsoup); many short phrases found in one pass.
 */
package io.genjin.classifier.text;
