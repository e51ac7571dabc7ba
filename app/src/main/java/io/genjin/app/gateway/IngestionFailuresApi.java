package io.genjin.app.gateway;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.store.NotFound;
import io.genjin.store.mail.FailedMessage;
import io.genjin.store.mail.MailArchive;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Messages the pipeline could not finish (admin only): list them, and replay one from its kept raw. */
@ConditionalOnRole(Roles.API)
@RestController
@Validated
class IngestionFailuresApi {
    private final MailArchive archive;
    private final IngestionPipeline pipeline;

    IngestionFailuresApi(MailArchive archive, IngestionPipeline pipeline) {
        this.archive = archive;
        this.pipeline = pipeline;
    }

    @GetMapping("/api/ingestion/failures")
    List<FailedMessage> failures(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return archive.failures().open(size);
    }

    /** Runs the message through the whole pipeline again; the answer says what became of it. */
    @PostMapping("/api/ingestion/failures/{id}/replay")
    IngestResult replay(@PathVariable String id) {
        return pipeline.replay(id).orElseThrow(() -> new NotFound("failed message", id));
    }
}
