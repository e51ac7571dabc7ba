package io.genjin.gateway.pipeline;

import io.genjin.gateway.RawKeys;

/** Keeps the raw bytes, keyed by their SHA-256, before anything can go wrong: replay needs them. */
final class KeepRaw implements Step {
    private final Steps steps;
    private final ReadAhead ahead;

    KeepRaw(Steps steps) {
        this(steps, null);
    }

    /** In a batch the {@link ReadAhead} may have kept the raw already. */
    KeepRaw(Steps steps, ReadAhead ahead) {
        this.steps = steps;
        this.ahead = ahead;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ReadAhead.Kept done = ahead == null ? null : ahead.kept(m.raw());
        if (done != null) {
            return StepResult.next(m.withRawKey(done.rawKey()), (done.kept() ? "raw kept " : "raw already kept ") + done.rawKey());
        }
        String key = RawKeys.of(m.raw());
        boolean kept = steps.archive().raw().keep(key, () -> m.raw().open());
        return StepResult.next(m.withRawKey(key), kept ? "raw kept " + key : "raw already kept " + key);
    }
}
