/**
 * Follow-up: the reminder rules that turn mailbox activity into tasks ({@code followup.rules},
 * listed in one place in {@link io.genjin.followup.rules.Rules}), escalation of overdue tasks to
 * managers ({@code followup.escalation}) and notifications in-app and to email, WeCom, DingTalk,
 * Feishu/Lark and generic webhooks ({@code followup.notify}). Driven by the store's domain events and
 * by a scan that runs once per cluster ({@link io.genjin.followup.FollowupScan}). Sequences of
 * follow-up emails, sent from the owner's mailbox and stopped by a reply, bounce or unsubscribe, are
 * in {@code followup.sequence}.
 */
package io.genjin.followup;
