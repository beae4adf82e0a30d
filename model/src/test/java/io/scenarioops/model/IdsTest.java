package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    private static InvalidInputException rejected(String value) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Ids.requireValidId("scenario_id", value));
        assertEquals("scenario_id", e.field());
        assertEquals("scenario_id: " + e.reason(), e.getMessage());
        return e;
    }

    @Test
    void nullAndEmptyAreMissing() {
        assertEquals("is missing", rejected(null).reason());
        assertEquals("is missing", rejected("").reason());
    }

    @Test
    void dotAndDotDotAreRejectedAsPathTraversal() {
        assertEquals("must not be '.' or '..'", rejected(".").reason());
        assertEquals("must not be '.' or '..'", rejected("..").reason());
    }

    @Test
    void patternViolationsQuoteTheValue() {
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"a/b\"", rejected("a/b").reason());
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"../etc\"", rejected("../etc").reason());
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"demand up\"", rejected("demand up").reason());
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \" \"", rejected(" ").reason());
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"a\\\\b\"", rejected("a\\b").reason());
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"say \\\"hi\\\"\"", rejected("say \"hi\"").reason());
    }

    @Test
    void controlAndNonAsciiCharactersAreEscapedInTheMessage() {
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"a\\u000ab\"", rejected("a\nb").reason());
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"sc\\u00e9nario\"", rejected("scénario").reason());
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"\\u202eabc\"", rejected("\u202eabc").reason());
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"\\ud83d\\ude00\"", rejected("😀").reason());
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"\\uff11\"", rejected("１").reason());
    }

    @Test
    void sixtyFiveCharactersIsTooLong() {
        String id = "a".repeat(65);
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"" + id + "\"", rejected(id).reason());
    }

    @Test
    void veryLongValuesAreCutShortInTheMessage() {
        String reason = rejected("x".repeat(10_000)).reason();
        assertTrue(reason.length() < 200, reason);
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"" + "x".repeat(80) + "\"... (10000 characters)", reason);
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String reason = rejected("😀".repeat(100)).reason();
        assertEquals("must match [A-Za-z0-9_.-]{1,64}, got \"" + "\\ud83d\\ude00".repeat(80) + "\"... (100 characters)",
                reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "baseline", "demand_up_10", "A-Z.0_9", "...", ".hidden", "run.2024-01-01",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    void validIdsAreReturnedUnchanged(String id) {
        assertEquals(id, Ids.requireValidId("run_id", id));
    }

    @Test
    void sixtyFourCharactersIsTheLimit() {
        String id = "z".repeat(64);
        assertEquals(64, id.length());
        assertEquals(id, Ids.requireValidId("scenario_id", id));
    }
}
