/**
 * Getting mail in and out: IMAP sync with per-folder checkpoints and IDLE, the SMTP listener
 * (BCC-to-CRM, forward-to-CRM, the authenticated relay), streaming MIME parsing with Mime4j, the
 * ingestion pipeline (keep raw, de-duplicate, parse, understand, link, store, publish, checkpoint)
 * and outbound sending through Jakarta Mail.
 *
 * <p>Transports hand every message to {@link io.genjin.gateway.MailIngestion} as a
 * {@link io.genjin.gateway.RawMail} with its {@link io.genjin.gateway.MailSource}.
 */
package io.genjin.gateway;
