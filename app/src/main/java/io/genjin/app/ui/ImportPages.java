package io.genjin.app.ui;

import io.genjin.app.web.RefusedUpload;
import io.genjin.app.imports.ImportJob;
import io.genjin.app.imports.ImportJobs;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.reports.imports.ImportField;
import io.genjin.store.CrmStore;
import io.genjin.store.user.User;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import pages: upload, then on the import's page the mapping (with the first rows), the
 * preview, the progress bar (kept current by {@code imports.js} from {@code /imports/{id}/progress})
 * and the report with the rejected rows to download.
 */
@ConditionalOnRole(Roles.API)
@Controller
class ImportPages {
    private final ImportJobs jobs;
    private final CrmStore store;

    ImportPages(ImportJobs jobs, CrmStore store) {
        this.jobs = jobs;
        this.store = store;
    }

    @GetMapping("/imports")
    String list(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("nav", "imports");
        model.addAttribute("imports", jobs.mine(me));
        model.addAttribute("profiles", jobs.profiles(me));
        return "imports";
    }

    @PostMapping("/imports")
    String upload(@AuthenticationPrincipal SignedIn me, @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) String profile, Locale locale, RedirectAttributes flash) throws IOException {
        if (file.isEmpty()) {
            flash.addFlashAttribute("problemKey", "imports.bad.empty");
            return "redirect:/imports";
        }
        try (InputStream in = file.getInputStream()) {
            ImportJob job = jobs.upload(me, file.getOriginalFilename(), in, profile == null || profile.isBlank() ? null : profile,
                    locale);
            return "redirect:/imports/" + job.id();
        } catch (RefusedUpload e) {
            flash.addFlashAttribute("problemKey", "imports.bad." + e.reason());
            return "redirect:/imports";
        }
    }

    @GetMapping("/imports/{id}")
    String show(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        ImportJob job = jobs.get(me, id);
        model.addAttribute("nav", "imports");
        model.addAttribute("job", job);
        model.addAttribute("sample", jobs.sample(job));
        model.addAttribute("delimiterLabel", job.delimiter() == null ? null : "\t".equals(job.delimiter()) ? "TAB" : job.delimiter());
        model.addAttribute("fields", ImportField.values());
        model.addAttribute("profiles", jobs.profiles(me));
        model.addAttribute("owners", owners(me));
        model.addAttribute("ownerName", store.users().find(job.ownerId()).map(User::name).orElse(""));
        return "import";
    }

    @PostMapping("/imports/{id}/mapping")
    String mapping(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam Map<String, String> form) {
        Map<Integer, ImportField> fields = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("col") && !value.isBlank()) {
                fields.put(Integer.parseInt(name.substring(3)), ImportField.valueOf(value));
            }
        });
        jobs.map(me, id, fields, null, form.get("ownerId"));
        if (form.get("profileName") != null && !form.get("profileName").isBlank()) {
            jobs.saveProfile(me, id, form.get("profileName"));
        }
        if ("preview".equals(form.get("then"))) {
            jobs.preview(me, id);
        }
        return "redirect:/imports/" + id;
    }

    @PostMapping("/imports/{id}/profile")
    String applyProfile(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String profile) {
        ImportJob job = jobs.get(me, id);
        jobs.map(me, id, null, profile, job.ownerId());
        return "redirect:/imports/" + id;
    }

    @PostMapping("/imports/{id}/preview")
    String preview(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        jobs.preview(me, id);
        return "redirect:/imports/" + id;
    }

    @PostMapping("/imports/{id}/start")
    String start(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        jobs.start(me, id);
        return "redirect:/imports/" + id;
    }

    @GetMapping(value = "/imports/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> progress(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        ImportJob job = jobs.get(me, id);
        return Map.of("status", job.status().name(), "done", job.done(), "total", job.total());
    }

    @GetMapping("/imports/{id}/rejected.csv")
    ResponseEntity<Resource> rejected(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejected-" + id + ".csv\"")
                .body(new FileSystemResource(jobs.rejected(me, id)));
    }

    /** Who the viewer may give customers to: themselves; a manager's team; anyone for an admin. */
    private List<User> owners(SignedIn me) {
        var scope = store.access().scope(me.viewer());
        List<User> candidates = scope.all() ? store.users().all() : store.users().byIds(scope.owners());
        return candidates.stream().filter(u -> u.deactivatedAt() == null).toList();
    }
}
