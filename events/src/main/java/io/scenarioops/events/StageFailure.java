package io.scenarioops.events;

import io.scenarioops.model.PrintableText;

/**
 * Why a scenario could not go through a stage. The failure travels downstream in place of the
 * results so that the run still completes and names the failed scenario.
 *
 * <p>The reason is usually an exception message, which may span lines or quote a hostile input:
 * it is made printable and cut to {@link #MAX_REASON_CHARS}, so that the event carrying it is
 * always one the next stage accepts.
 */
public record StageFailure(String stage, String reason) {
    /** As long as a dead-letter reason may be. */
    public static final int MAX_REASON_CHARS = 4000;

    public StageFailure {
        reason = reason == null ? null : PrintableText.printable(reason, MAX_REASON_CHARS);
    }
}
