/**
 * Entry points the application's command line calls: classify, classify train, accuracy.
 */
package io.genjin.classifier.cli;
