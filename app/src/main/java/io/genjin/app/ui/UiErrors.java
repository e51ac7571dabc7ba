package io.genjin.app.ui;

import io.genjin.app.web.Conflict;
import io.genjin.store.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.validation.BindException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Pages answer errors with HTML error pages, not the API's problem details: ordered ahead of the
 * API's handler, it sends the status and lets the error page ({@code templates/error/404.html},
 * {@code templates/error.html}) render it inside the usual frame. A customer the user may not see
 * is a 404 exactly like a missing one.
 */
@ControllerAdvice(basePackageClasses = UiErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiErrors {

    @ExceptionHandler(NotFound.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }

    /** A rep asking for a manager's page (team tasks), or assigning to someone outside their reach. */
    @ExceptionHandler(AccessDeniedException.class)
    void forbidden(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.FORBIDDEN.value());
    }

    /** Someone changed the same record a moment earlier (optimistic locking): reloading shows their change. */
    @ExceptionHandler({Conflict.class, OptimisticLockingFailureException.class})
    void conflict(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.CONFLICT.value());
    }

    /** A malformed cursor, a filter value that is not an activity type, a form field that does not bind. */
    @ExceptionHandler({IllegalArgumentException.class, TypeMismatchException.class, BindException.class})
    void badRequest(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.BAD_REQUEST.value());
    }
}
