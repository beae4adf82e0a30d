package io.scenarioops.model.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.ProductionRow;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected texts are what CPython's {@code json.dumps(value, indent=2, sort_keys=True)} returns. */
class SeedJsonTest {

    @Test
    void emptyContainersStayOnOneLine() {
        assertEquals("[]", SeedJson.writeString(List.of()));
        assertEquals("{}", SeedJson.writeString(Map.of()));
        assertEquals("""
                {
                  "a": [],
                  "b": {}
                }""", SeedJson.writeString(Map.of("b", Map.of(), "a", List.of())));
    }

    @Test
    void nestedContainersIndentByTwoSpacesAndKeysAreSorted() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("zeta", List.of(1, List.of(2, 3), Map.of("y", 1, "x", 2)));
        value.put("Alpha", true);
        value.put("_under", null);
        value.put("10", "ten");
        value.put("2", "two");
        assertEquals("""
                {
                  "10": "ten",
                  "2": "two",
                  "Alpha": true,
                  "_under": null,
                  "zeta": [
                    1,
                    [
                      2,
                      3
                    ],
                    {
                      "x": 2,
                      "y": 1
                    }
                  ]
                }""", SeedJson.writeString(value));
    }

    @Test
    void integersStayIntegersAndFloatsAreWrittenAsPythonDoes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("int", 7);
        value.put("long", 1L << 40);
        value.put("float", 7.0);
        value.put("floats", new double[] {0.1 + 0.2, 1e16, 1e-5, -0.0});
        value.put("nan", Double.NaN);
        value.put("inf", Double.NEGATIVE_INFINITY);
        assertEquals("""
                {
                  "float": 7.0,
                  "floats": [
                    0.30000000000000004,
                    1e+16,
                    1e-05,
                    -0.0
                  ],
                  "inf": -Infinity,
                  "int": 7,
                  "long": 1099511627776,
                  "nan": NaN
                }""", SeedJson.writeString(value));
    }

    @Test
    void stringsAreEscapedAsPythonDoes() {
        assertEquals("""
                {
                  "s": "say \\"hi\\"\\nback\\\\slash\\ttab\\u0001 / </x>"
                }""", SeedJson.writeString(Map.of("s", "say \"hi\"\nback\\slash\ttab\u0001 / </x>")));
    }

    @Test
    void nonAsciiIsEscapedAsPythonsEnsureAsciiDefault() {
        // python3 -c 'import json; print(json.dumps(["é😀"], indent=2))'
        byte[] bytes = SeedJson.write(List.of("é😀"));
        assertArrayEquals("[\n  \"\\u00e9\\ud83d\\ude00\"\n]".getBytes(StandardCharsets.US_ASCII), bytes);
    }

    @Test
    void recordsUseSnakeCaseNamesInSortedOrder() {
        ProductionRow row = new ProductionRow("O001", 0, "L2", "DE_KA", 126.0, 126.0, 0.0, 975.0, 126.0, 8.77,
                0.654, 2.1, 1.8, 1105.02, 0.0, 82.404, 264.6);
        assertEquals("""
                {
                  "capacity": 975.0,
                  "cost_inbound": 82.404,
                  "cost_outbound": 264.6,
                  "cost_overtime_premium": 0.0,
                  "cost_variable": 1105.02,
                  "line": "L2",
                  "order": "O001",
                  "overtime_multiplier": 1.8,
                  "overtime_qty": 0.0,
                  "period": 0,
                  "quantity": 126.0,
                  "regular_qty": 126.0,
                  "site": "DE_KA",
                  "unit_in_cost": 0.654,
                  "unit_out_cost": 2.1,
                  "unit_var_cost": 8.77,
                  "used_capacity_regular": 126.0
                }""", SeedJson.writeString(row));
        assertEquals("""
                {
                  "inbound_logistics_cost": 1.0,
                  "outbound_logistics_cost": 2.5,
                  "overtime_cost": 0.0,
                  "variable_cost": 10.0
                }""", SeedJson.writeString(new KpiCostBreakdown(10.0, 0.0, 1.0, 2.5)));
    }

    @Test
    void bytesAreTheUtf8OfTheTextWithoutTrailingNewline() {
        Map<String, Object> value = Map.of("k", List.of(1.5, "v"));
        byte[] bytes = SeedJson.write(value);
        assertArrayEquals(SeedJson.writeString(value).getBytes(StandardCharsets.UTF_8), bytes);
        assertEquals(']', (char) bytes[bytes.length - 3]);
        assertEquals('}', (char) bytes[bytes.length - 1]);
    }
}
