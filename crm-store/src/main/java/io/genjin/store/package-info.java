/**
 * Genjin's domain and its MongoDB persistence: users and teams, companies and contacts, messages,
 * timeline activities, opportunities, tasks, orders, ownership conflicts and the audit trail;
 * customer linking and de-duplication; and who may see which customer.
 *
 * <p>Only single-document atomic updates are used: the embedded MongoDB-wire server has no
 * multi-document transactions, no {@code $text}, no partial indexes and no TTL expiry. Where a
 * real MongoDB could do better, the class that works around it says so.
 */
package io.genjin.store;
