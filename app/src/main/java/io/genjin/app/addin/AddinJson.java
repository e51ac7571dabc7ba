package io.genjin.app.addin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genjin.outlook.CheckBeforeSend;
import io.genjin.outlook.CustomerCard;
import io.genjin.outlook.OfferSnippets;
import io.genjin.outlook.TrackComposedQuotation;
import org.springframework.boot.jackson.JacksonMixin;

/**
 * The add-in's answers keep their empty fields as {@code null} ({@code "guess": null}), unlike the rest
 * of the API (which leaves them out): the task pane is written against these shapes exactly.
 */
@JacksonMixin({CustomerCard.class, CustomerCard.Customer.class, CustomerCard.Owner.class, CustomerCard.MatchedContact.class,
        CustomerCard.OpenTask.class, CustomerCard.QuoteOpens.class, CustomerCard.Moment.class, CustomerCard.Unknown.class,
        CustomerCard.Guess.class, CheckBeforeSend.Verdict.class, TrackComposedQuotation.Tracked.class,
        TrackComposedQuotation.Header.class, OfferSnippets.Snippet.class, AddinApi.Logged.class})
@JsonInclude(JsonInclude.Include.ALWAYS)
abstract class AddinJson {
}
