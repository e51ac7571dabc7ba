/**
 * Getting mail in and out: IMAP sync with per-folder checkpoints and IDLE, the SMTP listener
 * (BCC-to-CRM, forward-to-CRM, the authenticated relay), streaming MIME parsing with Mime4j, the
 * ingestion pipeline (keep raw, de-duplicate, parse, understand, link, store, publish, checkpoint)
 * and outbound sending through Jakarta Mail. Not built yet: this module will own that flow.
 */
package io.genjin.gateway;
