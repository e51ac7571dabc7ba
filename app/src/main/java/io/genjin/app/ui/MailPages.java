package io.genjin.app.ui;

import io.genjin.app.message.VisibleMessages;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.classifier.text.HtmlSanitizer;
import io.genjin.gateway.reading.MailContent;
import io.genjin.gateway.reading.MailReader;
import io.genjin.store.NotFound;
import io.genjin.store.mail.MailArchive;
import io.genjin.store.message.StoredAttachment;
import io.genjin.store.message.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reading mail: a message's original HTML for the mail view's sandboxed frame, its attachments, and
 * its conversation. Each answers 404 for a message the user may not see, exactly as for a missing one.
 */
@ConditionalOnRole(Roles.API)
@Controller
class MailPages {
    /** A conversation longer than this shows its oldest messages and says there are more. */
    static final int THREAD_MAX = 50;
    private final VisibleMessages messages;
    private final MailReader reader;
    private final MailArchive archive;

    MailPages(VisibleMessages messages, MailReader reader, MailArchive archive) {
        this.messages = messages;
        this.reader = reader;
        this.archive = archive;
    }

    @GetMapping(value = "/messages/{id}/body", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> body(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean images) {
        StoredMessage message = messages.message(me, id);
        String html = reader.read(message).filter(MailContent::hasHtml).map(MailContent::html)
                .orElseThrow(() -> new NotFound("message body", id));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", MailFrame.policy(images))
                // The frame's address names the message; remote images must not learn it.
                .header("Referrer-Policy", "no-referrer")
                .body(MailFrame.document(HtmlSanitizer.sanitize(html, images, new InlineImages(message, archive.attachments()))));
    }

    @GetMapping("/messages/{id}/attachments/{index}")
    ResponseEntity<InputStreamResource> attachment(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @PathVariable int index) {
        StoredMessage message = messages.message(me, id);
        StoredAttachment a = message.attachment(index).filter(StoredAttachment::kept)
                .orElseThrow(() -> new NotFound("attachment", id + "/" + index));
        InputStream content;
        try {
            content = archive.attachments().open(a.storedId());
        } catch (IOException gone) {
            throw new NotFound("attachment", id + "/" + index);
        }
        return ResponseEntity.ok().contentType(storedType(a.type()))
                .header(HttpHeaders.CONTENT_DISPOSITION, DownloadName.attachment(a.name(), "attachment-" + (index + 1)))
                .header("X-Content-Type-Options", "nosniff")
                // Should a browser render it anyway (an HTML or SVG attachment), it runs nothing and reaches nothing.
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(content));
    }

    /** The message exactly as received, to open in a mail client (a part too large to keep is in there). */
    @GetMapping("/messages/{id}/original")
    ResponseEntity<InputStreamResource> original(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        StoredMessage message = messages.message(me, id);
        InputStream raw = Optional.ofNullable(message.rawKey()).flatMap(archive.raw()::open)
                .orElseThrow(() -> new NotFound("original", id));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822"))
                .header(HttpHeaders.CONTENT_DISPOSITION, DownloadName.attachment(
                        (message.subject() == null ? "message" : message.subject()) + ".eml", "message.eml"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(raw));
    }

    /** The conversation this message is in: every message of it the user may see, oldest first. */
    @GetMapping("/messages/{id}/thread")
    String thread(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        StoredMessage message = messages.message(me, id);
        List<StoredMessage> found = messages.thread(me, message, THREAD_MAX + 1);
        Map<StoredMessage, MailContent> thread = new LinkedHashMap<>();
        found.stream().limit(THREAD_MAX).forEach(m -> thread.put(m, reader.read(m).orElse(null)));
        model.addAttribute("nav", message.companyIds().isEmpty() ? "unlinked" : "customers");
        model.addAttribute("message", message);
        model.addAttribute("thread", thread);
        model.addAttribute("more", found.size() > THREAD_MAX);
        return "thread";
    }

    /** The type the sender gave, when it is one; else a plain download. */
    static MediaType storedType(String type) {
        try {
            MediaType parsed = type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type);
            return parsed.isConcrete() ? parsed : MediaType.APPLICATION_OCTET_STREAM;
        } catch (IllegalArgumentException malformed) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
