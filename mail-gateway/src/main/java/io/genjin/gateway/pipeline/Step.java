package io.genjin.gateway.pipeline;

/** One named step of the ingestion pipeline. Expected outcomes are results; only faults throw. */
public interface Step {

    StepResult apply(InboundMessage message);

    default String name() {
        String simple = getClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }
}
