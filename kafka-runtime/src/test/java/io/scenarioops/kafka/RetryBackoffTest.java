package io.scenarioops.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link RetryBackoff}: randomized exponential waits within their bounds. */
class RetryBackoffTest {
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    private static void assertBetween(long low, long high, Duration actual) {
        assertTrue(actual.toMillis() >= low && actual.toMillis() <= high,
                actual.toMillis() + " ms not in [" + low + ", " + high + "]");
    }

    @Test
    void waitsDoubleFromTheInitialWaitWithinAQuarterEitherWay() {
        for (int i = 0; i < 200; i++) {
            assertBetween(75, 125, backoff.after(1));
            assertBetween(150, 250, backoff.after(2));
            assertBetween(600, 1000, backoff.after(4));
        }
    }

    @Test
    void waitsNeverExceedTheMaximum() {
        for (int failures : new int[] {10, 20, 64, 1000, Integer.MAX_VALUE}) {
            for (int i = 0; i < 50; i++) {
                assertBetween(1, 30_000, backoff.after(failures));
            }
        }
    }

    @Test
    void waitsAreSpreadSoThatInstancesDoNotRetryInStep() {
        long distinct = IntStream.range(0, 100).mapToObj(i -> backoff.after(3)).distinct().count();
        assertTrue(distinct > 10, distinct + " distinct waits");
    }

    @Test
    void noFailureYetWaitsAsAfterTheFirst() {
        assertBetween(75, 125, backoff.after(0));
    }
}
