package io.genjin.store.opportunity;

import io.genjin.store.customer.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** A deal with a customer, with the history of its stages. */
@Document("opportunities")
public record Opportunity(
        String id,
        String companyId,
        String name,
        Stage stage,
        BigDecimal amount,
        String currency,
        LocalDate expectedClose,
        String ownerId,
        List<StageChange> stageHistory,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public Opportunity {
        stageHistory = stageHistory == null ? List.of() : List.copyOf(stageHistory);
        stage = stage == null ? Stage.INQUIRY : stage;
    }

    public Opportunity movedTo(Stage next, String byUserId, Instant at) {
        if (next == stage) {
            return this;
        }
        List<StageChange> history = new ArrayList<>(stageHistory);
        history.add(new StageChange(stage, next, at, byUserId));
        return new Opportunity(id, companyId, name, next, amount, currency, expectedClose, ownerId, history, createdAt,
                at, version);
    }

    public Opportunity withTerms(String newName, BigDecimal newAmount, String newCurrency, LocalDate newExpectedClose,
            Instant at) {
        return new Opportunity(id, companyId, newName, stage, newAmount, newCurrency, newExpectedClose, ownerId,
                stageHistory, createdAt, at, version);
    }
}
