package io.genjin.app.mailimport;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Importing a mail archive into the running server: an .mbox, .eml files (or a .zip of them), or an
 * Outlook .pst, in one or more parts named {@code file}; then its progress and summary. Into the
 * uploader's own mailbox; an admin may name another user's ({@code owner}: address or id).
 */
@ConditionalOnRole(Roles.API)
@RestController
@RequestMapping("/api/mail-imports")
class MailImportApi {
    private final MailImports imports;

    MailImportApi(MailImports imports) {
        this.imports = imports;
    }

    @PostMapping
    ResponseEntity<MailImportJob> upload(@AuthenticationPrincipal SignedIn me, @RequestPart("file") List<MultipartFile> files,
            @RequestParam(required = false) String owner) throws IOException {
        MailImportJob job = imports.upload(me, owner, MailImports.uploads(files));
        return ResponseEntity.accepted().location(URI.create("/api/mail-imports/" + job.id())).body(job);
    }

    @GetMapping
    List<MailImportJob> list(@AuthenticationPrincipal SignedIn me) {
        return imports.mine(me);
    }

    @GetMapping("/{id}")
    MailImportJob get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return imports.get(me, id);
    }

    @ExceptionHandler({org.springframework.web.multipart.MultipartException.class,
            org.springframework.web.multipart.support.MissingServletRequestPartException.class,
            org.springframework.web.HttpMediaTypeNotSupportedException.class})
    ResponseEntity<ProblemDetail> notMultipart(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Send the archive as multipart/form-data, in one or more parts named \"file\".");
        problem.setTitle("Archive not imported");
        problem.setProperty("reason", "not-multipart");
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
