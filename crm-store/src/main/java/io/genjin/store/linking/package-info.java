/**
 * Customer linking and de-duplication: which customers a message belongs to, why, and folding
 * duplicate customers together.
 *
 * <p>{@link io.genjin.store.linking.LinkMessageToCustomer} decides the <em>set</em> of customers a
 * message belongs to, each found by one step and carrying a detail a person can read
 * ({@link io.genjin.store.linking.CustomerLink}). Merge tombstones are followed. The decision is logged
 * in one line, {@code link <Message-ID> step=… companies=[id(step), …] detail=…}, and a message on no
 * timeline says why (a {@code NONE_*} step and a detail). The evidence, in this order:
 * <ol>
 * <li><b>a person's word</b> — a message someone marked "not customer mail" stays held
 * ({@code NONE_NOT_CUSTOMER}); one stored with customers before keeps them ({@code ALREADY_LINKED});
 * <li><b>bounce</b> — the original's Message-ID (its customers), then the failed addresses (their
 * contacts' or domains' customers); the reporting daemon is never evidence and nothing is created
 * ({@code BOUNCED_ORIGINAL}, or {@code NONE_BOUNCE_UNMATCHED});
 * <li><b>machine mail</b> from outside ({@link io.genjin.store.linking.AutomatedMail}: list and bulk
 * headers, Auto-Submitted, an email service provider's Return-Path or DKIM domain, role senders,
 * platform and service domains, a system's "do not reply" wording) — only its sender is considered,
 * only known customers match, nothing is created; else {@code NONE_AUTOMATED} with the signal;
 * <li><b>each outside party</b> (From, To, Cc, Bcc; for inbound mail the sender first): a contact's
 * exact address ({@code ADDRESS}), else a company's business domain, subdomains and aliases included,
 * never a free-mail or platform domain ({@code DOMAIN}, {@code CREATED_CONTACT}). Parties covered by
 * a person's {@link io.genjin.store.linking.SenderRule} and role addresses are skipped;
 * <li><b>forwards</b> — the known customers among a carried original's parties, and the original's own
 * customers when it is stored ({@code FORWARDED});
 * <li><b>thread</b> — In-Reply-To and the last 32 References (the nearest ancestors) name a linked
 * message: its customers ({@code THREAD}), put first, when the parties found nobody, when an outside
 * party stays unexplained (a free-mail sender), or when only the team is on the message (a forward to
 * the boss, the boss's answer). A party that is another known customer is never overruled by it;
 * <li><b>auto-create</b>, per {@link io.genjin.store.linking.LinkingPolicy.AutoCreate}, only when
 * nothing above found a customer: the sender of received mail, or the first outside recipient of
 * sent mail, on a business domain and neither a role address nor a platform, becomes a new LEAD company named after the domain ("acme-trading.com" →
 * "Acme Trading"), owned by whoever works it (the sending user, else the mailbox owner), with a
 * contact ({@code CREATED_LEAD}). Free-mail parties alone give {@code NONE_FREE_MAIL_POLICY}; a policy
 * that forbids leads, {@code NONE_AUTO_CREATE_OFF}; only the team on it, {@code NONE_INTERNAL}.
 * </ol>
 * With the customers chosen, each one's contacts among the parties are linked and — unless the policy
 * is NEVER, and never from machine mail — parties writing from its domains become its contacts. If a
 * customer is owned by another rep than the one working it, an ownership conflict (撞客) is recorded
 * per customer; the owner never changes here.
 *
 * <p>The team's own addresses ({@link io.genjin.store.linking.InternalAddresses}) are every user's
 * address and the business domains of those addresses, plus configured and stored
 * ({@link io.genjin.store.linking.LinkingSettings}) internal domains. Stored settings and sender
 * rules are kept in memory and read again every two seconds, and at once in the process where they
 * were changed, so every process linking mail applies an admin's change within seconds.
 *
 * <p>{@link io.genjin.store.linking.CorrectMessageLinks} is a person's correction: move, also belongs
 * to, not customer mail (with a sender or domain rule), each recorded with who, why and when.
 * {@link io.genjin.store.linking.FindDuplicateCustomers} reports likely duplicates (shared contact
 * address, then shared domain, then normalized name); {@link io.genjin.store.linking.MergeCustomers}
 * and {@link io.genjin.store.linking.MergeContacts} fold them together with an audit entry, using
 * only single-document updates in an order that a re-run after a crash completes.
 */
package io.genjin.store.linking;
