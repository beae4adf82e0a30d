package io.scenarioops.events;

/** The request a solved event answers: its event id and when it was made. */
public record RequestLineage(String requestEventId, String requestedAtUtc) {
    public static RequestLineage of(ScenarioRequested request) {
        return new RequestLineage(request.eventId(), request.occurredAtUtc());
    }
}
