/**
 * What a customer's mail asks about (lead time, counter-offer, certification, new products, samples, a late
 * payment of their own), from multilingual phrase lists kept as data.
 */
package io.genjin.classifier.topic;
