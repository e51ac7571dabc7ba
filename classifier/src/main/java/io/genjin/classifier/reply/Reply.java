package io.genjin.classifier.reply;

/**
 * A message body split into what the sender wrote now, their signature, and the quoted history.
 *
 * @param text the new part, without quote and signature
 * @param signature the signature block, possibly empty
 * @param quoted the removed history (attribution, quote, forwarded block)
 * @param textWithSignature the new part with its signature, as written (only the history removed)
 * @param keptWhole stripping would have left nothing, so the whole body was kept as the text: losing the
 *                  customer's words is worse than keeping a quote
 */
public record Reply(String text, Signature signature, String quoted, String textWithSignature, boolean keptWhole) {

    public boolean isQuote() {
        return !quoted.isBlank();
    }
}
