package io.scenarioops.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.scenarioops.model.Knobs;

/** One scenario of a run request, written by the producer. */
public record ScenarioRequested(
        @JsonUnwrapped ScenarioHeader header,
        long seed,
        Knobs knobs,
        String notes) implements ScenarioEvent {
}
