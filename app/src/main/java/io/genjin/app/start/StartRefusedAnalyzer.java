package io.genjin.app.start;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link StartRefused} anywhere in a failed start's causes into Spring Boot's start-up
 * report: its problem as the description and its action, and no stack trace (Spring Boot logs the
 * exception itself at debug level only when an analyzer explains it).
 */
public class StartRefusedAnalyzer extends AbstractFailureAnalyzer<StartRefused> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartRefused cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}
