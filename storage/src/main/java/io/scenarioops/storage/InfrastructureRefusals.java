package io.scenarioops.storage;

import java.util.Map;
import java.util.Optional;

/**
 * S3 error answers that say something is wrong with the infrastructure (credentials, permissions,
 * clocks) rather than with the request's data: the same request passes once that is fixed, so a
 * stage must wait it out like an outage and never dead-letter the scenario it was working on.
 */
final class InfrastructureRefusals {
    private static final String CREDENTIALS = "credentials or permissions of the object-store user";
    private static final String CLOCK = "clock skew between this host and the object store";

    /** S3 error codes, sent with 403 or 400, and what they point at. */
    private static final Map<String, String> CAUSES = Map.of(
            "AccessDenied", CREDENTIALS,
            "InvalidAccessKeyId", CREDENTIALS,
            "SignatureDoesNotMatch", CREDENTIALS,
            "AuthorizationHeaderMalformed", CREDENTIALS,
            "ExpiredToken", CREDENTIALS,
            "InvalidToken", CREDENTIALS,
            "RequestTimeTooSkewed", CLOCK,
            "RequestExpired", CLOCK);

    private InfrastructureRefusals() {
    }

    /** What the refusal points at, if a 400 or 403 with this S3 error code is the infrastructure's doing. */
    static Optional<String> cause(int httpStatus, String errorCode) {
        if (httpStatus != 400 && httpStatus != 403) {
            return Optional.empty();
        }
        return Optional.ofNullable(errorCode == null ? null : CAUSES.get(errorCode));
    }
}
