package io.genjin.classifier.cli;

import io.genjin.classifier.Reading;
import io.genjin.classifier.Understanding;
import io.genjin.classifier.bounce.FailedRecipient;
import io.genjin.classifier.reply.Forwarded;
import io.genjin.classifier.reply.Mailbox;
import io.genjin.classifier.reply.Signature;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Lines shape of an {@link Understanding}, as documented for {@code genjin classify}. */
final class JsonLines {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonLines() {
    }

    static String of(String file, Understanding u, Reading reading, boolean withText) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file);
        json.put("language", u.language());
        if (withText) {
            json.put("text", u.text());
        }
        json.put("reply", u.reply());
        json.put("replyKeptWhole", u.replyKeptWhole());
        json.put("signature", signature(u.signature()));
        json.put("forwarded", u.forwarded().map(JsonLines::forwarded).orElse(null));
        Map<String, Object> bounce = new LinkedHashMap<>();
        bounce.put("isBounce", u.bounce().isBounce());
        bounce.put("kind", u.bounce().kind().name().toLowerCase());
        bounce.put("recipients", u.bounce().recipients().stream().map(JsonLines::recipient).toList());
        bounce.put("originalMessageId", u.bounce().originalMessageId());
        json.put("bounce", bounce);
        Map<String, Object> autoReply = new LinkedHashMap<>();
        autoReply.put("isAutoReply", u.autoReply().isAutoReply());
        autoReply.put("kind", u.autoReply().kind().name().toLowerCase());
        autoReply.put("returnDate", u.autoReply().returnDate().map(Object::toString).orElse(null));
        json.put("autoReply", autoReply);
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("label", u.intent().label().code());
        intent.put("confidence", u.intent().confidence());
        intent.put("guess", u.intent().guess().code());
        intent.put("lowConfidence", u.intent().lowConfidence());
        json.put("intent", intent);
        json.put("quote", u.quote());
        json.put("tone", reading.tone().code());
        json.put("toneConfidence", reading.confidence());
        json.put("dissatisfied", reading.dissatisfied());
        json.put("topics", reading.topicCodes());
        return write(json);
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    private static Map<String, Object> signature(Signature s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", s.text());
        json.put("name", s.name().orElse(null));
        json.put("title", s.title().orElse(null));
        json.put("company", s.company().orElse(null));
        json.put("phone", s.phone().orElse(null));
        return json;
    }

    private static Map<String, Object> forwarded(Forwarded f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fromName", f.fromName());
        json.put("fromAddress", f.fromAddress());
        json.put("to", mailboxes(f.to()));
        json.put("cc", mailboxes(f.cc()));
        json.put("date", f.date());
        json.put("subject", f.subject());
        json.put("body", f.body());
        json.put("message", f.message());
        return json;
    }

    private static List<Map<String, String>> mailboxes(List<Mailbox> list) {
        return list.stream().map(m -> {
            Map<String, String> json = new LinkedHashMap<>();
            json.put("name", m.name());
            json.put("address", m.address());
            return json;
        }).toList();
    }

    private static Map<String, Object> recipient(FailedRecipient r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("address", r.address());
        json.put("status", r.status());
        json.put("replyCode", r.replyCode());
        json.put("reason", r.reason().name().toLowerCase());
        json.put("hard", r.hard());
        json.put("diagnostic", r.diagnostic());
        return json;
    }
}
