package io.genjin.app.start;

/**
 * Genjin will not start as it is set up, for a reason the operator can fix: {@code problem} says
 * what is wrong, {@code action} what to do. Start-up reports it as those two sentences, without a
 * stack trace ({@link StartRefusedAnalyzer}); the message is both, for whoever catches it.
 */
public class StartRefused extends IllegalStateException {
    private final String problem;
    private final String action;

    public StartRefused(String problem, String action) {
        this(problem, action, null);
    }

    public StartRefused(String problem, String action, Throwable cause) {
        super(problem + "; " + action, cause);
        this.problem = problem;
        this.action = action;
    }

    public String problem() {
        return problem;
    }

    public String action() {
        return action;
    }
}
