package io.scenarioops.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.model.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserJsonTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"demand": {"C01": [1, NaN]}}        | is not valid JSON at demand.C01[1] (line 1, column 27): Non-standard token 'NaN'
            {"demand": {"C01": [1], "C01": [2]}} | is not valid JSON at demand.C01 (line 1, column 30): Duplicate field 'C01'
            {"demand": {"C01": [1, 2            | is not valid JSON at demand.C01[1] (line 1, column 25): Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 20)
            {"a": 1} x                           | is not valid JSON (line 1, column 10): Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            {"a": 1} {"b": 2}                    | is not valid JSON (line 1, column 10): Trailing token (of type START_OBJECT) found after value
            {"a": 1 /* one */}                   | is not valid JSON at a (line 1, column 9): Unexpected character ('/' (code 47)): maybe a (non-standard) comment?
            """)
    void namesTheFieldAndTheLineWithoutTheParsersAdviceToProgrammers(String json, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> UserJson.read("baseline", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("baseline", e.field());
        assertEquals(reason, e.reason());
    }

    @Test
    void emptyContentIsAMissingNodeForTheCallerToName() {
        assertTrue(UserJson.read("baseline", new byte[0]).isMissingNode());
    }
}
