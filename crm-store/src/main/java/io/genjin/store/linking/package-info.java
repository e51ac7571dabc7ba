/**
 * Customer linking and de-duplication: which customer a message belongs to, and folding duplicate
 * customers together.
 *
 * <p>{@link io.genjin.store.linking.LinkMessageToCustomer} routes a message with these heuristics, in
 * this order; the first that finds a live company decides (merge tombstones are followed), and the
 * decision is logged in one line, {@code link <Message-ID> step=… company=… contacts=…}:
 * <ol>
 * <li><b>internal</b> — participants on the team's own domains or with any user's address are never
 * customers; with no one else on the message it links to nobody ({@code NONE_INTERNAL}). The
 * direction is OUTBOUND when a user or internal address sent it, INBOUND otherwise, INTERNAL when
 * only the team is on it;
 * <li><b>already linked</b> — the message itself is stored with a customer (seen again in another
 * mailbox, re-imported): that customer ({@code ALREADY_LINKED});
 * <li><b>thread</b> — In-Reply-To and the last 32 References (the nearest ancestors; older ones
 * are ignored) name an already-linked message: the latest such message's customer ({@code THREAD});
 * <li><b>address</b> — the exact address of an external participant is a contact's, trying the
 * sender first for inbound mail, To then Cc for outbound: that contact's company ({@code ADDRESS});
 * <li><b>domain</b> — an external participant's domain (or its registrable part: sales.acme.com →
 * acme.com) belongs to a company, never a free-mail domain (qq.com, 163.com, gmail.com, yahoo.*, …):
 * that company ({@code DOMAIN}, or {@code CREATED_CONTACT} when a contact was added for the writer);
 * <li><b>auto-create</b>, per {@link io.genjin.store.linking.LinkingPolicy.AutoCreate}: the first
 * external participant on a business domain becomes a new LEAD company named after the domain
 * ("acme-trading.com" → "Acme Trading"), owned by whoever works it (the sending user, else the
 * mailbox owner), with a contact ({@code CREATED_LEAD}). A company is never made from a free-mail
 * domain, and no orphan contact is made either ({@code NONE_FREE_MAIL_POLICY}); a policy that forbids
 * leads yields {@code NONE_AUTO_CREATE_OFF}.
 * </ol>
 * With the company chosen, the external participants who are its contacts are linked, and — unless the
 * policy is NEVER — participants writing from its domains become its contacts. If the company is
 * owned by another rep than the one working it, an ownership conflict (撞客) is recorded and
 * returned; the owner never changes here.
 *
 * <p>{@link io.genjin.store.linking.FindDuplicateCustomers} reports likely duplicates (shared contact
 * address, then shared domain, then normalized name); {@link io.genjin.store.linking.MergeCustomers}
 * and {@link io.genjin.store.linking.MergeContacts} fold them together with an audit entry, using
 * only single-document updates in an order that a re-run after a crash completes.
 */
package io.genjin.store.linking;
