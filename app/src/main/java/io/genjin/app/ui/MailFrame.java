package io.genjin.app.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The document the mail view's sandboxed frame loads: the sanitised HTML and one fixed style, under
 * a policy that allows nothing else. Three walls, any of which alone stops a script: the sanitiser
 * removes it, the CSP ({@code default-src 'none'}, no script source) forbids it, and the frame's
 * {@code sandbox} without {@code allow-scripts} never runs it. Remote images are fetched only when
 * the viewer allowed them for the message, since each one tells the sender the mail was read.
 */
final class MailFrame {
    static final String STYLE = "body{font:15px/1.5 system-ui,sans-serif;color:#1f2933;margin:12px;overflow-wrap:anywhere}"
            + "img{max-width:100%;height:auto}table{max-width:100%}";
    private static final String STYLE_SOURCE = "'sha256-" + sha256(STYLE) + "'";

    private MailFrame() {
    }

    static String document(String safeHtml) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>" + STYLE + "</style></head><body>" + safeHtml
                + "</body></html>";
    }

    /** Links may open in a new tab, which leaves the sandbox: they lead away from the mail, not into the app. */
    static String policy(boolean remoteImages) {
        return "default-src 'none'; img-src data:" + (remoteImages ? " http: https:" : "") + "; style-src " + STYLE_SOURCE
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; "
                + "sandbox allow-popups allow-popups-to-escape-sandbox";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
