package io.genjin.gateway.pipeline;

import io.genjin.gateway.RawKeys;

/** Keeps the raw bytes, keyed by their SHA-256, before anything can go wrong: replay needs them. */
final class KeepRaw implements Step {
    private final Steps steps;

    KeepRaw(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        String key = RawKeys.of(m.raw());
        boolean kept = steps.archive().raw().keep(key, () -> m.raw().open());
        return StepResult.next(m.withRawKey(key), kept ? "raw kept " + key : "raw already kept " + key);
    }
}
