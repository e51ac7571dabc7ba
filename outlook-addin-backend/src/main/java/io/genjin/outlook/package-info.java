/**
 * The Outlook add-in's logic that needs no web layer and no gateway: the customer card for a mail
 * item's addresses ({@link io.genjin.outlook.AssembleCustomerCard}), the Smart Alert's "looks like an
 * untracked quotation" check ({@link io.genjin.outlook.CheckBeforeSend}), tracking a quotation in
 * compose ({@link io.genjin.outlook.TrackComposedQuotation}), the templates and price lists compose can
 * insert ({@link io.genjin.outlook.OfferSnippets}), and a message rebuilt from an item's fields
 * ({@link io.genjin.outlook.MessageFromFields}). The HTTP API over them is in the app
 * ({@code io.genjin.app.addin}); docs/outlook-addin.md.
 */
package io.genjin.outlook;
