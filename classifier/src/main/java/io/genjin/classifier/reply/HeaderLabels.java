package io.genjin.classifier.reply;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels mail clients print in quoted and forwarded header blocks ("From:", "Von:", "发件人：",
 * "Kopie (CC):" …), in the languages of the corpora plus Chinese and Japanese clients.
 */
final class HeaderLabels {

    enum Field { FROM, TO, CC, BCC, DATE, SUBJECT, REPLY_TO }

    private static final Map<String, Field> LABELS = new HashMap<>();

    static {
        put(Field.FROM, "from", "von", "de", "de la", "da", "van", "från", "fra", "od", "от", "від", "від кого", "feladó",
                "lähettäjä", "kimden", "saatja", "afzender", "remitente", "expéditeur", "mittente", "nadawca", "odesílatel",
                "expeditorul", "avsändare", "afsender", "avsender", "发件人", "寄件者", "寄件人", "送信者", "差出人", "보낸 사람",
                "发信人", "absender", "lähettäjä", "送信元", "发送人", "発信者");
        put(Field.TO, "to", "an", "à", "a", "para", "aan", "till", "til", "do", "komu", "кому", "címzett", "vastaanottaja",
                "kime", "adresat", "destinatarul", "pre", "收件人", "收件者", "宛先", "받는 사람", "empfänger", "destinataire",
                "destinatario", "pour", "saaja", "prima", "destinatário", "mottaker", "modtager", "mottagare", "alıcı", "către", "catre", "送信先", "收信人", "címzettek");
        put(Field.CC, "cc", "kopie", "kopie (cc)", "kopia", "kopi", "kopio", "dw", "копия", "копія", "másolat", "másolatot kap",
                "bilgi", "kópia", "copie à", "copia", "抄送", "副本", "抄送人", "koopia", "cc:", "conhecimento");
        put(Field.BCC, "bcc", "密送", "bcc:");
        put(Field.DATE, "date", "sent", "datum", "data", "fecha", "dato", "dátum", "дата", "päivämäärä", "tarih", "dată",
                "gesendet", "envoyé", "enviado", "verzonden", "skickat", "sendt", "wysłano", "odesláno", "отправлено",
                "надіслано", "elküldve", "lähetetty", "gönderildi", "gönderilen", "odoslané", "inviato", "trimis", "发送时间", "發送時間", "时间", "日期",
                "发送日期", "日付", "送信日時", "날짜", "보낸 날짜", "sent at", "date sent", "enviada", "aika", "päiväys");
        put(Field.SUBJECT, "subject", "betreff", "objet", "asunto", "assunto", "oggetto", "onderwerp", "ämne", "emne",
                "temat", "předmět", "predmet", "tárgy", "aihe", "konu", "subiectul", "subiect", "тема", "主题", "主旨", "主題",
                "件名", "제목", "sujet", "pealkiri", "teema", "naslov");
        put(Field.REPLY_TO, "reply-to", "antwort an", "répondre à", "responder a", "risposta");
    }

    /* "Label: value" with optional bold/markdown asterisks, tabs and the full-width colon of CJK clients. */
    private static final Pattern LINE = Pattern.compile("^[\\s>*]*([\\p{L}][\\p{L} ().-]{0,24}?)\\s*\\*?\\s*[:：]\\s*\\*?[ \\t]*(.*)$");

    private HeaderLabels() {
    }

    private static void put(Field field, String... labels) {
        for (String label : labels) {
            LABELS.putIfAbsent(label.replace(":", ""), field);
        }
    }

    record Labelled(Field field, String value) {
    }

    /** The field a "Label: value" line carries, or null. */
    static Labelled parse(String line) {
        int colon = line.indexOf(':');
        int wide = line.indexOf('：');
        int first = colon < 0 ? wide : wide < 0 ? colon : Math.min(colon, wide);
        if (first < 0 || first > 40) {
            return null;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        Field field = LABELS.get(m.group(1).strip().toLowerCase(Locale.ROOT));
        return field == null ? null : new Labelled(field, m.group(2).strip());
    }

    /** All labels as one alternation, longest first, for splitting one-line (Yahoo) header blocks. */
    static String alternation() {
        return String.join("|", LABELS.keySet().stream()
                .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList());
    }

    static Field field(String label) {
        return LABELS.get(label.strip().toLowerCase(Locale.ROOT));
    }
}
