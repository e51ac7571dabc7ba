package io.genjin.classifier.autoreply;

import io.genjin.classifier.text.AnyOf;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Machine-written notices that carry no machine headers: a bank's remittance advice, a courier's
 * tracking update, a platform's "you have a new inquiry". What gives them away is the wording that
 * only a system writes to a person: "do not reply to this message", "this is an automatically
 * generated email", "to unsubscribe". Read on the new text only (quotes stripped), so a person's
 * reply that quotes a notice is still a person's. Wording is gathered per language that export
 * mail arrives in; a phrase must be a system's instruction, not a word a buyer might use.
 */
public final class NoReplyNotice {
    /**
     * Written in lower case and matched against the text lower-cased once: a case-insensitive match
     * (which folds every character it compares, at every position, for each of these phrases) took
     * twice as long for the same answers on every corpus message.
     */
    private static final AnyOf WORDING = AnyOf.compile(String.join("|",
            // English
            "(please )?do not (directly )?reply to this (e-?mail|message|notification)",
            "(please )?do not reply\\b", "this (e-?mail|message|notification) (was|is|has been) (automatically|auto-?) ?(generated|sent)",
            "automatically generated (e-?mail|message|notification)", "this mailbox is (not|un)monitored",
            "replies to this (e-?mail|message) (will not|won't|cannot) be (read|answered|received)",
            "you (are receiving|received) this (e-?mail|message|notification) because", "\\bunsubscribe\\b",
            "manage (your )?(e-?mail|notification|subscription) (preferences|settings)", "view (it |this e-?mail )?in (your )?browser",
            // 中文
            "请勿(直接)?回复", "系统自动(发送|发出|生成)", "此邮件为系统", "本邮件(由系统|为系统|是系统)", "退订", "取消订阅",
            // Deutsch
            "bitte antworten sie nicht", "nicht auf diese (e-?mail|nachricht) antworten", "automatisch (generiert|erstellt|versendet)",
            "vom newsletter abmelden",
            // Français, Español, Português, Italiano
            "ne (pas )?r[ée]pondre [àa] (ce|cet) (e-?mail|message|courriel)", "ne r[ée]pondez pas", "g[ée]n[ée]r[ée] automatiquement",
            "se d[ée]sabonner", "se d[ée]sinscrire", "no responda (a )?este (correo|mensaje)", "generado autom[áa]ticamente",
            "darse de baja", "cancelar (la )?suscripci[óo]n", "n[ãa]o responda (a )?(este|esta)", "gerad[oa] automaticamente",
            "non rispondere a (questa|questo)", "generat[oa] automaticamente", "annulla(re)? l'iscrizione",
            // Русский, Nederlands, Türkçe, 日本語, 한국어
            "не отвечайте на (это|данное) (письмо|сообщение)", "письмо (сформировано|отправлено) автоматически", "отписаться",
            "niet (be)?antwoorden op deze", "automatisch gegenereerd", "uitschrijven", "bu (e-?postay|mesaj)[ıi] yan[ıi]tlamay[ıi]n",
            "otomatik olarak (olu[şs]turul|g[öo]nderil)", "返信しないで", "自動(送信|配信)", "配信停止", "회신하지 마", "자동으로 발송"));

    private NoReplyNotice() {
    }

    /** Whether this new text (quotes and signature already removed) reads as a system's notice. */
    public static boolean reads(String newText) {
        if (newText == null || newText.isBlank()) {
            return false;
        }
        String text = newText.length() > 20_000 ? newText.substring(0, 20_000) : newText;
        return WORDING.foundIn(text.toLowerCase(Locale.ROOT));
    }
}
