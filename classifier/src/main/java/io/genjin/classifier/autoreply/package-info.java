/**
 * Automatic replies: RFC 3834 and vendor headers, out-of-office wording, challenge-response systems, return dates.
 */
package io.genjin.classifier.autoreply;
