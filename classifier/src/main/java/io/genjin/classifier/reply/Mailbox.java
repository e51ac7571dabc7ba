package io.genjin.classifier.reply;

/** A name and address as printed in a forwarded header; either may be empty. */
public record Mailbox(String name, String address) {
}
