/**
 * The accuracy harness: every labelled corpus, one table.
 */
package io.genjin.classifier.accuracy;
