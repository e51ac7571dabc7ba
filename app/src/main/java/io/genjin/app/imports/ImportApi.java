package io.genjin.app.imports;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.reports.imports.ImportField;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Importing customers, contacts and orders from XLSX/CSV, and address books (Outlook and Foxmail
 * CSV, vCard): upload, mapping, preview, start, progress, rejected rows (docs/import.md). An import
 * is its uploader's (an admin sees all); a rep imports into their own book, a manager or admin may
 * name another owner they may assign to.
 */
@ConditionalOnRole(Roles.API)
@RestController
@RequestMapping("/api/imports")
class ImportApi {
    private final ImportJobs jobs;

    ImportApi(ImportJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping
    ResponseEntity<View> upload(@AuthenticationPrincipal SignedIn me, @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String profile, Locale locale) throws IOException {
        try (InputStream in = file.getInputStream()) {
            ImportJob job = jobs.upload(me, file.getOriginalFilename(), in, profile, locale);
            return ResponseEntity.created(URI.create("/api/imports/" + job.id())).body(view(job));
        }
    }

    @GetMapping
    List<ImportJob> list(@AuthenticationPrincipal SignedIn me) {
        return jobs.mine(me);
    }

    @GetMapping("/{id}")
    View get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return view(jobs.get(me, id));
    }

    /** The fields by column position; or a saved profile by name; and who new customers go to. */
    @PutMapping("/{id}/mapping")
    View mapping(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody Mapping body) {
        Map<Integer, ImportField> fields = null;
        if (body.columns() != null) {
            fields = new LinkedHashMap<>();
            for (Map.Entry<String, ImportField> e : body.columns().entrySet()) {
                try {
                    fields.put(Integer.parseInt(e.getKey()), e.getValue());
                } catch (NumberFormatException bad) {
                    throw new io.genjin.store.Invalid("Columns are named by position (0, 1, …), not '" + e.getKey() + "'.");
                }
            }
        }
        return view(jobs.map(me, id, fields, body.profile(), body.ownerId()));
    }

    @PostMapping("/{id}/preview")
    ImportJob preview(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return jobs.preview(me, id);
    }

    @PostMapping("/{id}/start")
    ResponseEntity<ImportJob> start(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        ImportJob job = jobs.start(me, id);
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + id + "/progress")).body(job);
    }

    @GetMapping("/{id}/progress")
    Progress progress(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        ImportJob job = jobs.get(me, id);
        return new Progress(job.status(), job.done(), job.total(), job.result(), job.error());
    }

    @GetMapping(value = "/{id}/rejected.csv")
    ResponseEntity<Resource> rejected(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejected-" + id + ".csv\"")
                .body(new FileSystemResource(jobs.rejected(me, id)));
    }

    @GetMapping("/profiles")
    List<ImportProfile> profiles(@AuthenticationPrincipal SignedIn me) {
        return jobs.profiles(me);
    }

    /** Keeps this import's mapping as a named profile of the caller's (the same name replaces it). */
    @PostMapping("/{id}/profile")
    ImportProfile saveProfile(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @Valid @RequestBody ProfileName body) {
        return jobs.saveProfile(me, id, body.name());
    }

    /** A request that is not multipart, or has no part "file": 415 naming what to send. */
    @ExceptionHandler({org.springframework.web.multipart.MultipartException.class,
            org.springframework.web.multipart.support.MissingServletRequestPartException.class})
    ResponseEntity<ProblemDetail> notMultipart(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Send the file as multipart/form-data, in a part named \"file\".");
        problem.setTitle("File not imported");
        problem.setProperty("reason", "not-multipart");
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private View view(ImportJob job) {
        return new View(job, jobs.sample(job), List.of(ImportField.values()));
    }

    /** An import with its first rows and the fields a column may be mapped to. */
    record View(ImportJob job, List<List<String>> sample, List<ImportField> fields) {
    }

    record Mapping(Map<String, ImportField> columns, @Size(max = 100) String profile, String ownerId) {
    }

    record ProfileName(@NotBlank @Size(max = 100) String name) {
    }

    record Progress(ImportJob.Status status, long done, long total, ImportJob.Figures result, String error) {
    }
}
