package io.genjin.followup.notify;

/** Where a notification can go besides the in-app list. */
public enum ChannelKind {
    /** An email to {@code address}. */
    EMAIL,
    /** A WeCom (企业微信) group robot; the URL carries its key. */
    WECOM,
    /** A DingTalk (钉钉) group robot; the URL carries its access token, the secret signs each call. */
    DINGTALK,
    /** A Feishu/Lark (飞书) group robot; the secret signs each call. */
    FEISHU,
    /** Any HTTP endpoint, e.g. an SMS gateway; {@code address} is passed on (a phone number). */
    WEBHOOK
}
