package io.scenarioops.qc;

import io.scenarioops.core.config.DurationVariable;
import java.time.Duration;
import java.util.Map;

/**
 * How long QC keeps a run's state after the run last changed (completed, as a rule): env
 * {@value #VARIABLE}, a {@link DurationVariable} ({@code 7d}, {@code 12h}, {@code P7D});
 * {@link #DEFAULT} when unset.
 */
public final class StateRetention {
    public static final String VARIABLE = "QC_STATE_RETENTION";
    public static final Duration DEFAULT = Duration.ofDays(7);

    private StateRetention() {
    }

    public static Duration fromEnv(Map<String, String> env) {
        return DurationVariable.fromEnv(env, VARIABLE, DEFAULT);
    }
}
