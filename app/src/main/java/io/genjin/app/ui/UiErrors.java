package io.genjin.app.ui;

import io.genjin.store.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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

    /** A malformed cursor, or a filter value that is not an activity type. */
    @ExceptionHandler({IllegalArgumentException.class, TypeMismatchException.class})
    void badRequest(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.BAD_REQUEST.value());
    }
}
