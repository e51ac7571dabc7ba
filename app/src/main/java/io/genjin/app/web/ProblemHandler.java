package io.genjin.app.web;

import io.genjin.store.Conflicting;
import io.genjin.store.Invalid;
import io.genjin.store.NotFound;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** API errors as RFC 9457 problem details; Spring's own (validation, bad JSON) come from the base class. */
@RestControllerAdvice(basePackages = "io.genjin.app")
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private final MessageSource messages;

    ProblemHandler(MessageSource messages) {
        this.messages = messages;
    }

    /** Names every invalid field, so a client can show the person what to fix. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are invalid.");
        Map<String, String> errors = new LinkedHashMap<>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), f.getDefaultMessage()));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ProblemDetail invalidParameter(jakarta.validation.ConstraintViolationException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No " + e.kind() + " " + e.id() + " that you can see.");
        problem.setTitle("Not found");
        return problem;
    }

    /** An upload refused: its status, what was refused, the English detail, and the reason code pages translate. */
    @ExceptionHandler(RefusedUpload.class)
    ProblemDetail refusedUpload(RefusedUpload e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        problem.setProperty("reason", e.reason());
        return problem;
    }

    /** 413 naming the setting, so a client can split the send (fewer recipients per call) or an admin raise it. */
    @ExceptionHandler(io.genjin.tracking.Tracking.TooLarge.class)
    ProblemDetail tooLarge(io.genjin.tracking.Tracking.TooLarge e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "Over the limit genjin.tracking.instrument." + e.setting() + " (" + e.max() + ").");
        problem.setTitle("Too large");
        problem.setProperty("limit", "genjin.tracking.instrument." + e.setting());
        problem.setProperty("max", e.max());
        return problem;
    }

    /**
     * Only {@link Invalid} carries words meant for the client; a bare JDK
     * {@code IllegalArgumentException} is a bug somewhere below and goes to {@link #unexpected}.
     */
    @ExceptionHandler(Invalid.class)
    ProblemDetail badRequest(Invalid e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({Conflict.class, Conflicting.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({OptimisticLockingFailureException.class, DuplicateKeyException.class})
    ProblemDetail concurrentChange(RuntimeException e) {
        log.info("Concurrent change refused: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Someone changed this at the same time; reload and try again.");
    }

    /**
     * Anything unexpected: logged with its stack under a short reference, answered with neither its
     * message nor its stack (they can name collections, hosts or other customers), in the caller's
     * language, with the reference a person can quote to an admin.
     */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, WebRequest request) {
        // Eight base-36 characters: short enough to read out on the phone, unique enough for a day's log.
        String reference = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        log.error("Unexpected failure {} on {}", reference, request.getDescription(false), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                messages.getMessage("problem.unexpected", new Object[] {reference}, LocaleContextHolder.getLocale()));
        problem.setProperty("reference", reference);
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }
}
