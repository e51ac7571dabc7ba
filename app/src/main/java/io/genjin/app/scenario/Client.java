package io.genjin.app.scenario;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * The mail programs the mailbox's correspondents use. Each leaves its own fingerprints: how it
 * builds a Message-ID, which X-Mailer it names, the charset it picks for Chinese text, whether it
 * sends an HTML alternative, and how it quotes a reply or lays out a forward.
 */
enum Client {
    OUTLOOK_365, OUTLOOK_DESKTOP, FOXMAIL, QQ_MAIL, GMAIL, APPLE_MAIL;

    private static final String HEX = "0123456789ABCDEF";
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    String messageId(Random r, String domain, ZonedDateTime date) {
        return switch (this) {
            case OUTLOOK_365 -> {
                String host = pick(r, "DB9PR04MB", "AM6PR08MB", "PAXPR10MB", "SJ0PR11MB", "DM6PR12MB", "TYCPR01MB")
                        + (1000 + r.nextInt(9000));
                String region = host.startsWith("SJ") || host.startsWith("DM") ? "namprd" : host.startsWith("TY") ? "jpnprd" : "eurprd";
                yield host + hex(r, 24) + "@" + host + "." + region + String.format("%02d", 1 + r.nextInt(12)) + ".prod.outlook.com";
            }
            case OUTLOOK_DESKTOP -> "0" + hex(r, 11).toLowerCase(Locale.ROOT) + "$" + hex(r, 8).toLowerCase(Locale.ROOT) + "$"
                    + hex(r, 8).toLowerCase(Locale.ROOT) + "$@" + domain;
            case FOXMAIL -> date.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + (1000000 + r.nextInt(9000000)) + "@" + domain;
            case QQ_MAIL -> "tencent_" + hex(r, 32) + "@qq.com";
            case GMAIL -> "CA" + random(r, B64URL, 38) + "@mail.gmail.com";
            case APPLE_MAIL -> hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12) + "@" + domain;
        };
    }

    String mailerHeaders(Random r) {
        return switch (this) {
            case OUTLOOK_365 -> "Thread-Topic: %s\r\nThread-Index: AQH" + random(r, B64URL, 21) + "==\r\n"
                    + "X-MS-Has-Attach: \r\nX-MS-TNEF-Correlator: \r\nContent-Language: en-US\r\n";
            case OUTLOOK_DESKTOP -> "X-Mailer: Microsoft Outlook 16.0\r\nThread-Index: AdmB" + random(r, B64URL, 20) + "\r\n"
                    + "Content-Language: zh-cn\r\n";
            case FOXMAIL -> "X-Priority: 3\r\nX-GUID: " + hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12)
                    + "\r\nX-Has-Attach: no\r\nX-Mailer: Foxmail 7.2.25.254[cn]\r\n";
            case QQ_MAIL -> "X-QQ-mid: xmsezb" + random(r, "0123456789abcdef", 24) + "\r\nX-QQ-XMAILINFO: " + random(r, B64URL, 32) + "\r\n";
            case GMAIL -> "";
            case APPLE_MAIL -> "X-Mailer: Apple Mail (2.3774.500.171.1.1)\r\n";
        };
    }

    /** The charset the program picks for text that is not ASCII. */
    Charset cjkCharset() {
        return switch (this) {
            case FOXMAIL -> Charset.forName("GBK");
            case QQ_MAIL -> Charset.forName("GB18030");
            case OUTLOOK_DESKTOP -> Charset.forName("GB2312");
            default -> StandardCharsets.UTF_8;
        };
    }

    boolean sendsHtml() {
        return this != APPLE_MAIL;
    }

    String mimeVersion() {
        return this == APPLE_MAIL ? "1.0 (Mac OS X Mail 16.0 \\(3774.500.171.1.1\\))" : "1.0";
    }

    String replyPrefix(boolean chinese, boolean german) {
        if (german && (this == OUTLOOK_365 || this == OUTLOOK_DESKTOP)) {
            return "AW: ";
        }
        return switch (this) {
            case OUTLOOK_365 -> "RE: ";
            case OUTLOOK_DESKTOP -> chinese ? "答复: " : "RE: ";
            case FOXMAIL, QQ_MAIL -> chinese ? "回复：" : "Re:";
            default -> "Re: ";
        };
    }

    String forwardPrefix() {
        return switch (this) {
            case OUTLOOK_365, OUTLOOK_DESKTOP -> "FW: ";
            case FOXMAIL, QQ_MAIL -> "转发：";
            default -> "Fwd: ";
        };
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    static String hex(Random r, int n) {
        return random(r, HEX, n);
    }

    static String random(Random r, String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
