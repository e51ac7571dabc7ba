/**
 * Follow-up rules, reminders, escalation to managers, sequences and notification channels
 * (email, WeCom, DingTalk, Feishu/Lark robots). Sends mail through a port that mail-gateway
 * implements. Not built yet: this module will own that.
 */
package io.genjin.followup;
