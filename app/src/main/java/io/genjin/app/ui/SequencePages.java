package io.genjin.app.ui;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.followup.sequence.Enrollment;
import io.genjin.followup.sequence.Sequence;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.followup.sequence.Templates;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.user.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sequences in the browser: the list, a sequence with its steps and the enrolments the user may see
 * (where each stands, what was sent, why the next step waits), the form that makes and changes one,
 * and pause / resume / stop on an enrolment. The same rules as {@code /api/sequences}: everyone uses
 * every sequence, its author or an admin changes it; an enrolment is seen like its customer.
 */
@ConditionalOnRole(Roles.API)
@Controller
class SequencePages {
    /** Blank step rows the form offers below the existing ones. */
    static final int SPARE_STEPS = 2;
    static final int MAX_STEPS = 20;
    private final CrmStore crm;
    private final SequenceStore store;
    private final VisibleCustomers visible;

    SequencePages(CrmStore crm, SequenceStore store, VisibleCustomers visible) {
        this.crm = crm;
        this.store = store;
        this.visible = visible;
    }

    @GetMapping("/sequences")
    String list(Model model) {
        List<Sequence> sequences = store.sequences().all(false);
        model.addAttribute("nav", "sequences");
        model.addAttribute("sequences", sequences);
        model.addAttribute("owners", names(sequences.stream().map(Sequence::ownerId).toList()));
        return "sequences";
    }

    @GetMapping("/sequences/{id}")
    String show(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        Sequence sequence = sequence(id);
        Scope scope = visible.scope(me);
        List<Enrollment> enrollments = store.enrollments().ofSequence(id, scope.all() ? null : scope.owners());
        model.addAttribute("nav", "sequences");
        model.addAttribute("sequence", sequence);
        model.addAttribute("mayEdit", mayEdit(me, sequence));
        model.addAttribute("owners", names(List.of(sequence.ownerId())));
        model.addAttribute("rows", rows(enrollments));
        model.addAttribute("back", "/sequences/" + id);
        model.addAttribute("days", DayOfWeek.values());
        return "sequence";
    }

    @GetMapping("/sequences/new")
    String create(Model model) {
        return form(model, SequenceForm.blank(), null);
    }

    @GetMapping("/sequences/{id}/edit")
    String edit(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        Sequence sequence = sequence(id);
        requireEditable(me, sequence);
        return form(model, SequenceForm.of(sequence), sequence.id());
    }

    @PostMapping("/sequences")
    String save(@AuthenticationPrincipal SignedIn me, HttpServletRequest request, Model model, RedirectAttributes flash) {
        return saved(me, null, request, model, flash);
    }

    @PostMapping("/sequences/{id}")
    String update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, HttpServletRequest request, Model model,
            RedirectAttributes flash) {
        return saved(me, sequence(id), request, model, flash);
    }

    @PostMapping("/sequences/enrollments/{id}/{action:pause|resume|stop}")
    String act(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @PathVariable String action,
            @RequestParam(required = false) String back, RedirectAttributes flash) {
        Enrollment e = visible.partOf(me, "enrollment", id, store.enrollments().find(id), Enrollment::companyId);
        boolean changed = switch (action) {
            case "pause" -> store.enrollments().pause(e.id(), me.userId());
            case "resume" -> store.enrollments().resume(e.id());
            default -> store.enrollments().stop(e.id(), Enrollment.StopReason.MANUAL, "stopped by " + me.name());
        };
        if (changed) {
            crm.audit().record(me.userId(), "enrollment." + action, "enrollment", e.id(), null);
        }
        flash.addFlashAttribute(changed ? "done" : "problemKey", changed ? "seq.enrollment." + switch (action) {
            case "pause" -> "paused";
            case "resume" -> "resumed";
            default -> "stopped";
        }
                : "seq.enrollment.unchanged");
        return "redirect:" + (back != null && back.startsWith("/") && !back.startsWith("//") ? back
                : "/sequences/" + e.sequenceId());
    }

    private String saved(SignedIn me, Sequence current, HttpServletRequest request, Model model, RedirectAttributes flash) {
        if (current != null) {
            requireEditable(me, current);
        }
        SequenceForm form = SequenceForm.read(request);
        String problem = form.problem();
        if (problem != null) {
            model.addAttribute("problemKey", problem);
            return form(model, form, current == null ? null : current.id());
        }
        Sequence sequence;
        try {
            sequence = form.toSequence(current, current == null ? Ids.newId() : current.id(),
                    current == null ? me.userId() : current.ownerId(), crm.clock().instant());
        } catch (IllegalArgumentException e) {
            model.addAttribute("problemKey", "seq.error.window");
            return form(model, form, current == null ? null : current.id());
        }
        Sequence saved = store.sequences().save(sequence);
        crm.audit().record(me.userId(), current == null ? "sequence.created" : "sequence.changed", "sequence", saved.id(),
                Map.of("name", saved.name()));
        flash.addFlashAttribute("done", current == null ? "seq.created" : "seq.saved");
        return "redirect:/sequences/" + saved.id();
    }

    private String form(Model model, SequenceForm form, String sequenceId) {
        model.addAttribute("nav", "sequences");
        model.addAttribute("sequenceId", sequenceId);
        model.addAttribute("form", form.withSpareRows());
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("placeholders", Templates.BUILT_IN.stream().sorted().map(p -> "{{" + p + "}}").toList());
        return "sequence-form";
    }

    private Sequence sequence(String id) {
        return store.sequences().find(id).orElseThrow(() -> new NotFound("sequence", id));
    }

    private static boolean mayEdit(SignedIn me, Sequence sequence) {
        return me.role() == Role.ADMIN || sequence.ownerId().equals(me.userId());
    }

    private static void requireEditable(SignedIn me, Sequence sequence) {
        if (!mayEdit(me, sequence)) {
            throw new AccessDeniedException("Only the sequence's author or an admin can change it.");
        }
    }

    Map<String, String> names(List<String> userIds) {
        Map<String, String> names = new HashMap<>();
        crm.users().byIds(userIds.stream().filter(java.util.Objects::nonNull).distinct().toList())
                .forEach(u -> names.put(u.id(), u.name()));
        return names;
    }

    /** Enrolments with the names a person reads: contact, customer, sequence and its length. */
    List<EnrollmentRow> rows(List<Enrollment> enrollments) {
        Map<String, Sequence> sequences = new HashMap<>();
        List<EnrollmentRow> rows = new ArrayList<>();
        for (Enrollment e : enrollments) {
            Sequence s = sequences.computeIfAbsent(e.sequenceId(), id -> store.sequences().find(id).orElse(null));
            Contact contact = crm.contacts().find(e.contactId()).orElse(null);
            Company company = crm.companies().find(e.companyId()).orElse(null);
            rows.add(new EnrollmentRow(e, contact == null || contact.name() == null ? e.address() : contact.name(),
                    company == null ? "—" : company.name(), s == null ? "—" : s.name(), s == null ? 0 : s.steps().size()));
        }
        return rows;
    }

    /** One enrolment as the pages show it. */
    record EnrollmentRow(Enrollment e, String contactName, String companyName, String sequenceName, int steps) {
        public boolean hasNext() {
            return e.status().open() && e.nextStep() < steps;
        }
    }

    /** One step as the form holds it: the delay in days and hours, the subject and body in the default language. */
    record StepRow(String days, String hours, String subject, String body) {
        boolean blank() {
            return isBlank(subject) && isBlank(body);
        }
    }

    /** The sequence form, as typed. */
    record SequenceForm(String name, String language, String start, String end, Set<DayOfWeek> days, List<StepRow> steps) {

        static SequenceForm blank() {
            Sequence.SendWindow w = Sequence.SendWindow.DEFAULT;
            return new SequenceForm("", "en", w.start().toString(), w.end().toString(), w.days(), List.of());
        }

        static SequenceForm of(Sequence s) {
            List<StepRow> rows = s.steps().stream().map(step -> {
                Sequence.Variant v = step.variantFor(s.defaultLanguage(), s.defaultLanguage());
                return new StepRow(Long.toString(step.delay().toDays()), Long.toString(step.delay().toHoursPart()),
                        v.subject(), v.body());
            }).toList();
            return new SequenceForm(s.name(), s.defaultLanguage(), s.window().start().toString(), s.window().end().toString(),
                    s.window().days(), rows);
        }

        /** Reads the numbered step fields ({@code s0.subject}, {@code s0.days}, …): lists in plain forms keep commas intact so. */
        static SequenceForm read(HttpServletRequest request) {
            List<StepRow> steps = new ArrayList<>();
            for (int i = 0; i < MAX_STEPS + SPARE_STEPS; i++) {
                String p = "s" + i + ".";
                if (request.getParameter(p + "subject") == null && request.getParameter(p + "body") == null) {
                    continue;
                }
                steps.add(new StepRow(request.getParameter(p + "days"), request.getParameter(p + "hours"),
                        request.getParameter(p + "subject"), request.getParameter(p + "body")));
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            String[] picked = request.getParameterValues("day");
            if (picked != null) {
                for (String d : picked) {
                    try {
                        days.add(DayOfWeek.valueOf(d));
                    } catch (IllegalArgumentException ignored) {
                        // not a day: left out
                    }
                }
            }
            return new SequenceForm(trim(request.getParameter("name")), trim(request.getParameter("language")),
                    trim(request.getParameter("start")), trim(request.getParameter("end")), days, steps);
        }

        /** The first thing to fix, as a message key; null when it can be saved. */
        String problem() {
            if (isBlank(name) || name.length() > 200) {
                return "seq.error.name";
            }
            if (language == null || !language.matches("[a-zA-Z-]{2,10}")) {
                return "seq.error.language";
            }
            List<StepRow> filled = steps.stream().filter(s -> !s.blank()).toList();
            if (filled.isEmpty()) {
                return "seq.error.noSteps";
            }
            if (filled.size() > MAX_STEPS) {
                return "seq.error.tooManySteps";
            }
            for (StepRow s : filled) {
                if (isBlank(s.subject()) || isBlank(s.body()) || s.subject().length() > 500 || s.body().length() > 50_000) {
                    return "seq.error.step";
                }
                if (number(s.days()) < 0 || number(s.hours()) < 0 || number(s.hours()) > 23 || number(s.days()) > 365) {
                    return "seq.error.delay";
                }
            }
            if (days.isEmpty()) {
                return "seq.error.days";
            }
            try {
                if (!LocalTime.parse(end).isAfter(LocalTime.parse(start))) {
                    return "seq.error.window";
                }
            } catch (DateTimeParseException | NullPointerException e) {
                return "seq.error.window";
            }
            return null;
        }

        /**
         * The sequence this form describes. A step keeps its variants in other languages (made through
         * the API); the form edits the one in the default language.
         */
        Sequence toSequence(Sequence current, String id, String ownerId, java.time.Instant now) {
            List<Sequence.Step> result = new ArrayList<>();
            List<StepRow> filled = steps.stream().filter(s -> !s.blank()).toList();
            String lang = language.toLowerCase(java.util.Locale.ROOT);
            for (int i = 0; i < filled.size(); i++) {
                StepRow row = filled.get(i);
                List<Sequence.Variant> variants = new ArrayList<>();
                variants.add(new Sequence.Variant(lang, row.subject().trim(), row.body()));
                if (current != null && i < current.steps().size()) {
                    current.steps().get(i).variants().stream().filter(v -> !v.language().equals(lang)).forEach(variants::add);
                }
                result.add(new Sequence.Step(Duration.ofDays(number(row.days())).plusHours(number(row.hours())), variants));
            }
            return new Sequence(id, name.trim(), ownerId, lang, result, new Sequence.SendWindow(LocalTime.parse(start),
                    LocalTime.parse(end), days), current != null && current.archived(), current == null ? now : current.createdAt());
        }

        SequenceForm withSpareRows() {
            List<StepRow> rows = new ArrayList<>(steps.stream().filter(s -> !s.blank()).toList());
            for (int i = 0; i < SPARE_STEPS && rows.size() < MAX_STEPS; i++) {
                rows.add(new StepRow(rows.isEmpty() ? "0" : "3", "0", "", ""));
            }
            return new SequenceForm(name, language, start, end, days, rows);
        }

        private static long number(String text) {
            if (isBlank(text)) {
                return 0;
            }
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static String trim(String s) {
            return s == null ? null : s.trim();
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
