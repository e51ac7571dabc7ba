/**
 * Open and click tracking. {@link io.genjin.tracking.Tracking} instruments outbound mail (a pixel and
 * wrapped links per recipient, HMAC-signed tokens) and reports what was seen;
 * {@link io.genjin.tracking.TrackHits} serves the pixel and link endpoints, queueing every hit for a
 * background writer that classifies it (human, or machine with a reason: Apple MPP, Safe Links,
 * Mimecast, Proofpoint, Barracuda, IronPort, bots, bursts …), stores it, writes the customer's
 * timeline and raises intent (a quotation read again, a link clicked) as a HIGH priority task and a
 * {@link io.genjin.store.events.CustomerShowedIntent} event.
 */
package io.genjin.tracking;
