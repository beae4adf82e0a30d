package io.scenarioops.kafka;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * How long to wait before retrying work that failed on an outage: doubling from {@code initial}
 * up to {@code max}, each wait randomized by a quarter either way so that instances hit by the
 * same outage do not retry in step.
 */
public final class RetryBackoff {
    private static final double MULTIPLIER = 2.0;
    private static final double RANDOMIZATION = 0.25;
    /**
     * resilience4j computes attempt n by stepping n times; past this many doublings any sane
     * maximum is reached, so longer outages need not cost more.
     */
    private static final int DOUBLINGS_THAT_REACH_ANY_MAXIMUM = 40;

    private final IntervalFunction intervals;

    public RetryBackoff(Duration initial, Duration max) {
        this.intervals = IntervalFunction.ofExponentialRandomBackoff(initial, MULTIPLIER, RANDOMIZATION, max);
    }

    /** The wait before attempt {@code failedAttempts + 1}, after {@code failedAttempts} (at least 1) failures. */
    public Duration after(int failedAttempts) {
        return Duration.ofMillis(intervals.apply(Math.max(1, Math.min(failedAttempts, DOUBLINGS_THAT_REACH_ANY_MAXIMUM))));
    }
}
