package io.scenarioops.model.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps in the formats the seed wrote: {@code datetime.now(timezone.utc).isoformat()} for
 * {@code *_utc} fields and {@code YYYY-MM-DD} for the {@code dt=} partition.
 */
public final class Timestamps {
    private static final DateTimeFormatter PYTHON_ISO_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Microsecond precision, like Python's datetime. */
    public static String utc(Instant instant) {
        return PYTHON_ISO_UTC.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    public static String dt(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    public static Instant parseUtc(String value) {
        return java.time.OffsetDateTime.parse(value).toInstant();
    }
}
