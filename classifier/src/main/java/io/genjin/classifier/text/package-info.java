/**
 * HTML to plain text and HTML sanitized for display (Jsoup).
 */
package io.genjin.classifier.text;
