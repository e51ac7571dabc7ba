/**
 * Language of a text: script counting first, OpenNLP langdetect for the rest.
 */
package io.genjin.classifier.language;
