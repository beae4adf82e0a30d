package io.scenarioops.qc;

/**
 * What QC keeps per requested scenario: the request's event id and its {@link RequestFingerprint}.
 * Stored as one string, {@code "<event id> <fingerprint>"}; a value kept by an older build is the
 * event id alone, and has no fingerprint to compare.
 */
record KnownRequest(String eventId, RequestFingerprint fingerprint) {
    static KnownRequest of(RequestedScenario request) {
        return new KnownRequest(request.eventId(), request.fingerprint());
    }

    String encode() {
        return eventId + " " + fingerprint.encode();
    }

    static KnownRequest decode(String stored) {
        int space = stored.indexOf(' ');
        if (space < 0) {
            return new KnownRequest(stored, null);
        }
        return new KnownRequest(stored.substring(0, space),
                RequestFingerprint.decode(stored.substring(space + 1)).orElse(null));
    }
}
