package io.genjin.app.search;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.message.Direction;
import io.genjin.store.message.Participant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search?q=}: mail the caller may see, best first (or newest with {@code sort=NEWEST}),
 * with marked snippets as parts (never HTML), and the customers whose name, domain or contacts match.
 * A query that is not valid search syntax answers 400 with the parser's reason.
 */
@ConditionalOnRole(Roles.API)
@RestController
@Validated
class SearchApi {
    private final SearchMail search;

    SearchApi(SearchMail search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    Answer search(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") @Size(max = 500) String q,
            @RequestParam(required = false) String customer, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant until, @RequestParam(required = false) Direction direction,
            @RequestParam(required = false) Boolean attachments,
            @RequestParam(defaultValue = "RELEVANCE") MailSearch.Order sort,
            @RequestParam(defaultValue = "0") @Min(0) @Max(500) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        MailSearch.Request query = new MailSearch.Request(q, blankToNull(customer), from, until, direction, attachments, sort,
                page, size);
        SearchMail.Found found = search.messages(me, query);
        List<Message> messages = found.messages().stream().map(f -> new Message(f.message().id(), f.message().messageId(),
                f.message().subject(), f.hit().subject(), f.hit().snippet(), f.hit().matchedIn(), f.message().sentAt(),
                f.message().direction(), f.message().from(), f.message().companyIds(), f.hit().attachments(),
                "/messages/" + f.message().id())).toList();
        List<Customer> customers = page == 0 && customer == null ? search.customers(me, q).stream()
                .map(c -> new Customer(c.id(), c.name(), c.domains(), "/customers/" + c.id())).toList() : List.of();
        return new Answer(found.total(), page, size, found.building(), messages, customers);
    }

    @ExceptionHandler(MailSearch.BadQuery.class)
    ProblemDetail badQuery(MailSearch.BadQuery e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The search query cannot be read");
        return problem;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    record Answer(long total, int page, int size, boolean indexing, List<Message> messages, List<Customer> customers) {
    }

    record Message(String id, String messageId, String subject, Snippet subjectMarked, Snippet snippet, String matchedIn,
            Instant sentAt, Direction direction, Participant from, List<String> companyIds, List<String> attachments,
            String href) {
    }

    record Customer(String id, String name, List<String> domains, String href) {
    }

}
