package io.genjin.app.addin;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.outlook.AssembleCustomerCard;
import io.genjin.outlook.CheckBeforeSend;
import io.genjin.outlook.CustomerCard;
import io.genjin.outlook.MessageFromFields;
import io.genjin.outlook.OfferSnippets;
import io.genjin.outlook.TrackComposedQuotation;
import io.genjin.store.Invalid;
import io.genjin.store.NotFound;
import io.genjin.store.customer.Company;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Outlook add-in's own API (docs/outlook-addin.md, "API and sign-in"): the customer card for a
 * mail item, logging it, tracking a quotation in compose, the reminder before sending, and what
 * compose can insert. Everything else the pane does (create a customer, a contact, a task, set stage
 * or grade, enrol) goes through the ordinary {@code /api} endpoints. Visibility as everywhere: a
 * customer the caller may not see is never named.
 */
@ConditionalOnRole(Roles.API)
@RestController
class AddinApi {
    /** Outlook's attachments top out around 25-35 MB; the whole message in base64 is a third larger. */
    static final int MAX_EML_CHARS = 48_000_000;
    private final AssembleCustomerCard cards;
    private final LogMessageFromOutlook log;
    private final TrackComposedQuotation track;
    private final CheckBeforeSend check;
    private final OfferSnippets snippets;
    private final VisibleCustomers visible;

    AddinApi(AssembleCustomerCard cards, LogMessageFromOutlook log, TrackComposedQuotation track, CheckBeforeSend check,
            OfferSnippets snippets, VisibleCustomers visible) {
        this.cards = cards;
        this.log = log;
        this.track = track;
        this.check = check;
        this.snippets = snippets;
        this.visible = visible;
    }

    @GetMapping("/api/addin/card")
    CustomerCard card(@AuthenticationPrincipal SignedIn me, @RequestParam(name = "address", required = false) List<String> addresses) {
        return cards.card(me.viewer(), addresses);
    }

    @PostMapping("/api/addin/messages")
    ResponseEntity<Logged> logMessage(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody LogBody body) {
        byte[] message;
        if (body.eml() != null && !body.eml().isBlank()) {
            try {
                message = Base64.getMimeDecoder().decode(body.eml().trim());
            } catch (IllegalArgumentException e) {
                throw new Invalid("eml is not base64");
            }
        } else {
            message = MessageFromFields.build(new MessageFromFields.Fields(body.internetMessageId(), body.subject(),
                    body.from() == null ? null : body.from().party(), parties(body.to()), parties(body.cc()), body.sentAt(),
                    body.html(), body.text()));
        }
        LogMessageFromOutlook.Logged logged;
        try {
            logged = log.log(me, message);
        } catch (LogMessageFromOutlook.NotLogged e) {
            throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "Not logged: " + e.getMessage()), e);
        }
        Logged answer = new Logged(logged.stored() ? "STORED" : "ALREADY_STORED", logged.messageId(), logged.companyId());
        return ResponseEntity.status(logged.stored() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    @PostMapping("/api/addin/compose/track")
    ResponseEntity<TrackComposedQuotation.Tracked> track(@AuthenticationPrincipal SignedIn me,
            @Valid @RequestBody TrackBody body) {
        if (body.companyId() != null) {
            visible.company(me, body.companyId());
        }
        // Same rules as POST /api/tracking/instrument: the caller's own mail, linked only to customers they see.
        TrackComposedQuotation.Tracked tracked = track.track(new TrackComposedQuotation.Draft(me.userId(), body.subject(),
                body.html(), addresses(body.to()), addresses(body.cc()), body.companyId()), companyId -> canSee(me, companyId));
        return ResponseEntity.created(URI.create("/api/tracking/messages/" + tracked.trackingId())).body(tracked);
    }

    @PostMapping("/api/addin/compose/check")
    CheckBeforeSend.Verdict check(@AuthenticationPrincipal SignedIn me, @Valid @RequestBody CheckBody body) {
        return check.check(me.viewer(), new CheckBeforeSend.Draft(addresses(body.to()), addresses(body.cc()), body.subject(),
                body.text(), body.attachments(), Boolean.TRUE.equals(body.tracked())));
    }

    @GetMapping("/api/addin/snippets")
    List<OfferSnippets.Snippet> snippets(@AuthenticationPrincipal SignedIn me,
            @RequestParam(required = false) String companyId) {
        Company company = companyId == null || companyId.isBlank() ? null : visible.company(me, companyId);
        return snippets.offer(me.userId(), company);
    }

    private boolean canSee(SignedIn me, String companyId) {
        try {
            visible.company(me, companyId);
            return true;
        } catch (NotFound hidden) {
            return false;
        }
    }

    private static List<MessageFromFields.Party> parties(List<Party> list) {
        return list == null ? List.of() : list.stream().map(Party::party).toList();
    }

    private static List<String> addresses(List<Party> list) {
        return list == null ? List.of() : list.stream().map(Party::address).filter(a -> a != null && !a.isBlank()).toList();
    }

    /** An address with its display name, or just the address as a string (what Office.js and a hand-written call send). */
    record Party(@Size(max = 320) String address, @Size(max = 998) String name) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Party of(String address) {
            return new Party(address, null);
        }

        MessageFromFields.Party party() {
            return new MessageFromFields.Party(address, name);
        }
    }

    /** The whole message ({@code eml}), or where Outlook cannot export it, its fields. */
    record LogBody(@NotBlank @Size(max = 998) String internetMessageId, @Size(max = MAX_EML_CHARS) String eml,
            @Size(max = 998) String subject, @Valid Party from, @Size(max = 1000) List<@Valid Party> to,
            @Size(max = 1000) List<@Valid Party> cc, Instant sentAt, @Size(max = 5_000_000) String html,
            @Size(max = 5_000_000) String text, Direction direction) {
    }

    enum Direction {
        INBOUND, OUTBOUND
    }

    record Logged(String status, String messageId, String companyId) {
    }

    record TrackBody(@Size(max = 998) String subject, @NotBlank @Size(max = 5_000_000) String html,
            @Size(max = 1000) List<@Valid Party> to, @Size(max = 1000) List<@Valid Party> cc, String companyId) {
    }

    record CheckBody(@Size(max = 1000) List<@Valid Party> to, @Size(max = 1000) List<@Valid Party> cc,
            @Size(max = 998) String subject, @Size(max = 1_000_000) String text, Boolean tracked,
            @Size(max = 100) List<@Size(max = 255) String> attachments) {
    }
}
