package io.genjin.classifier.bounce;

import io.genjin.classifier.Email;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Amazon SES bounce, complaint and delivery notifications: a JSON body, sent through SNS (the SES
 * document is the string in its {@code Message} field) or as SES's own event. Field names follow
 * AWS's "Amazon SES notification contents" reference: {@code notificationType} (or {@code eventType}),
 * {@code bounce.bounceType} Permanent/Transient, {@code bounce.bouncedRecipients[].emailAddress},
 * {@code status} and {@code diagnosticCode}.
 */
final class SesNotification {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private SesNotification() {
    }

    static Optional<Bounce> read(Email email, String text) {
        String body = unfold(text).strip();
        if (!body.startsWith("{") || !body.contains("Type")) {
            return Optional.empty();
        }
        JsonNode document;
        try {
            document = MAPPER.readTree(body);
            if (document.path("Message").isString()) {
                document = MAPPER.readTree(document.path("Message").asString());
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        String type = document.path("notificationType").asString(document.path("eventType").asString(""));
        String messageId = document.path("mail").path("commonHeaders").path("messageId").asString("");
        switch (type.toLowerCase(Locale.ROOT)) {
            case "complaint" -> {
                return Optional.of(new Bounce(Bounce.Kind.FEEDBACK, List.of(), messageId));
            }
            case "delivery" -> {
                return Optional.of(new Bounce(Bounce.Kind.DELIVERED, List.of(), messageId));
            }
            case "bounce" -> {
                JsonNode bounce = document.path("bounce");
                boolean transientFailure = "Transient".equalsIgnoreCase(bounce.path("bounceType").asString(""));
                String subType = bounce.path("bounceSubType").asString("");
                List<FailedRecipient> failed = new ArrayList<>();
                for (JsonNode r : bounce.path("bouncedRecipients").values()) {
                    String address = Addresses.first(r.path("emailAddress").asString(""));
                    if (address.isEmpty()) {
                        continue;
                    }
                    String diagnostic = DeliveryStatusFields.typed(r.path("diagnosticCode").asString(""));
                    if (diagnostic.isBlank()) {
                        diagnostic = subTypeWords(subType);
                    }
                    String status = BounceDetector.refine(BounceDetector.statusCode(r.path("status").asString("")), diagnostic);
                    failed.add(PlainBounceReader.recipient(address, status, diagnostic, transientFailure));
                }
                if (failed.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Bounce(transientFailure ? Bounce.Kind.DELAYED : Bounce.Kind.FAILED, failed, messageId));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /* SES's bounce sub-types, in the words the reason classifier knows. */
    private static String subTypeWords(String subType) {
        return switch (subType) {
            case "NoEmail" -> "no such address (SES NoEmail)";
            case "MailboxFull" -> "mailbox full (SES MailboxFull)";
            case "MessageTooLarge" -> "message too large (SES MessageTooLarge)";
            case "ContentRejected", "AttachmentRejected" -> "content rejected (SES " + subType + ")";
            case "Suppressed", "OnAccountSuppressionList" -> "address on the suppression list (SES " + subType + ")";
            default -> subType;
        };
    }

    /* Long lines of the SNS mail body are wrapped as "…!" + newline + " …". */
    private static String unfold(String text) {
        return text.replace("\r\n", "\n").replace("!\n ", "").replace("\n ", "");
    }
}
