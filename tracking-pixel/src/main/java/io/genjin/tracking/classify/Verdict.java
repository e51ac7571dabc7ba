package io.genjin.tracking.classify;

/**
 * Whether a hit came from a person at the customer ({@code human}) or from something else (a
 * privacy proxy, a security scanner, the sender themself), why ({@code reason}, a short code such as
 * {@code apple_mpp}) and how sure the rule is (0–1).
 */
public record Verdict(boolean human, String reason, double confidence) {

    public static Verdict human(String reason, double confidence) {
        return new Verdict(true, reason, confidence);
    }

    public static Verdict machine(String reason, double confidence) {
        return new Verdict(false, reason, confidence);
    }

    @Override
    public String toString() {
        return (human ? "human" : "machine: " + reason) + " (" + confidence + ")";
    }
}
