package io.scenarioops.events;

/**
 * Why a scenario could not go through a stage. The failure travels downstream in place of the
 * results so that the run still completes and names the failed scenario.
 */
public record StageFailure(String stage, String reason) {
}
