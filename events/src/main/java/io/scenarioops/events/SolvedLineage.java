package io.scenarioops.events;

/** The request and the solved event a published event descends from, with when each was written. */
public record SolvedLineage(String requestEventId, String solvedEventId, String requestedAtUtc, String solvedAtUtc) {
    public static SolvedLineage of(ScenarioSolved solved) {
        return new SolvedLineage(solved.lineage().requestEventId(), solved.eventId(),
                solved.lineage().requestedAtUtc(), solved.occurredAtUtc());
    }
}
