package io.genjin.app.ui;

import io.genjin.app.web.RefusedUpload;
import io.genjin.app.mailimport.MailImportJob;
import io.genjin.app.mailimport.MailImports;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.user.User;
import java.io.IOException;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
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
 * The mail import pages: the upload form (several files at once; an admin picks whose mailbox) with
 * the recent imports, and an import's page with its progress bar (kept current by
 * {@code mail-imports.js}) and, when done, its summary.
 */
@ConditionalOnRole(Roles.API)
@Controller
class MailImportPages {
    private final MailImports imports;
    private final CrmStore store;

    MailImportPages(MailImports imports, CrmStore store) {
        this.imports = imports;
        this.store = store;
    }

    @GetMapping("/mail-imports")
    String list(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("nav", "imports");
        model.addAttribute("imports", imports.mine(me));
        model.addAttribute("owners", me.viewer().isAdmin()
                ? store.users().all().stream().filter(User::active).toList() : null);
        return "mail-imports";
    }

    @PostMapping("/mail-imports")
    String upload(@AuthenticationPrincipal SignedIn me, @RequestParam("file") List<MultipartFile> files,
            @RequestParam(required = false) String owner, RedirectAttributes flash) throws IOException {
        try {
            MailImportJob job = imports.upload(me, owner, MailImports.uploads(files));
            return "redirect:/mail-imports/" + job.id();
        } catch (RefusedUpload e) {
            flash.addFlashAttribute("problemKey", "mailimports.bad." + e.reason());
        } catch (AccessDeniedException e) {
            flash.addFlashAttribute("problemKey", "mailimports.bad.forbidden");
        }
        return "redirect:/mail-imports";
    }

    @GetMapping("/mail-imports/{id}")
    String show(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        MailImportJob job = imports.get(me, id);
        model.addAttribute("nav", "imports");
        model.addAttribute("job", job);
        model.addAttribute("ownerName", store.users().find(job.ownerId()).map(User::name).orElse(""));
        return "mail-import";
    }

    /** The page's progress poll (the session's JSON twin of {@code GET /api/mail-imports/{id}}). */
    @GetMapping(value = "/mail-imports/{id}/progress", produces = "application/json")
    @ResponseBody
    MailImportJob progress(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return imports.get(me, id);
    }
}
