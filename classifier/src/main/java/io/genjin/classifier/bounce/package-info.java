/**
 * Delivery reports: RFC 3464 DSNs, ARF feedback and the non-standard notices of real MTAs.
 */
package io.genjin.classifier.bounce;
