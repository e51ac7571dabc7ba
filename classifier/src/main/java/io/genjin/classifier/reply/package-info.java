/**
 * Reply-quote, signature and forwarded-block reading of plain-text bodies, in the languages of the corpora and of Chinese clients (Foxmail, QQ, NetEase, Outlook-zh).
 */
package io.genjin.classifier.reply;
