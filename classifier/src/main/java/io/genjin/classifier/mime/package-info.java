/**
 * A light Mime4j reading of raw .eml bytes into the classifier's input, with the charset fixes Chinese mail needs.
 */
package io.genjin.classifier.mime;
