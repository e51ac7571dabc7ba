/**
 * Follow-up: the reminder rules that turn mailbox activity into tasks ({@code followup.rules},
 * listed in one place in {@link io.genjin.followup.rules.Rules}), escalation of overdue tasks to
 * managers ({@code followup.escalation}) and notifications in-app and to email, WeCom, DingTalk,
 * Feishu/Lark and generic webhooks ({@code followup.notify}). Driven by the store's domain events and
 * by a scan that runs once per cluster ({@link io.genjin.followup.FollowupScan}).
 */
package io.genjin.followup;
