package io.genjin.app.followup;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The follow-up scan and dispatcher run on a scheduled executor, which cancels a task for good when a run throws. */
class ScheduleGuardTest {

    @Test
    void anErrorFromOneScanIsLoggedAndTheScheduleGoesOn() {
        assertThatCode(() -> FollowupConfiguration.Schedule.guarded("scan", () -> {
            throw new StackOverflowError("deep customer graph");
        })).doesNotThrowAnyException();
        assertThatCode(() -> FollowupConfiguration.Schedule.guarded("scan", () -> {
            throw new AssertionError("bad state");
        })).doesNotThrowAnyException();
    }
}
