package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.testsupport.GoldenFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BaselineFileTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsTheExampleFile() {
        Baseline b = BaselineFile.parse(GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE));
        assertEquals(List.of("C01", "C02", "C03", "C04", "C05", "C06"), b.orders());
        assertEquals(List.of("S1", "S2", "S3"), b.sites());
        assertEquals(List.of("M1", "M2"), b.lines());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), b.periods());
        assertEquals(57.0, b.demand()[0][1], 0.0);
        assertEquals(54.0, b.demand()[1][1], 0.0);
        assertEquals(7.34, b.variableCost()[1][0], 0.0);
        assertEquals(1.595, b.inboundCost()[0][1][0], 0.0);
        assertEquals(0.681, b.outboundCost()[3][1][5], 0.0);
        assertEquals(BaselineFile.NOT_GENERATED, b.seed());
    }

    @Test
    void anExportedInstanceReadsBackAsTheSameInstanceAndTheSameBytes() {
        Baseline generated = BaselineGenerator.generate(7, new InstanceSize(40, 10));
        byte[] file = BaselineFile.write(generated);
        Baseline read = BaselineFile.parse(file);
        assertEquals(generated.orders(), read.orders());
        assertEquals(generated.periods(), read.periods());
        assertArrayEquals(generated.demand(), read.demand());
        assertArrayEquals(generated.capacity(), read.capacity());
        assertArrayEquals(generated.inboundCost(), read.inboundCost());
        assertArrayEquals(generated.outboundCost(), read.outboundCost());
        assertArrayEquals(file, BaselineFile.write(read));
    }

    @Test
    void aNegativeDemandIsNamedByItsPath() {
        assertRejected("demand.C02[1]: must be a finite number >= 0, got -3",
                root -> ((ArrayNode) root.with("demand").get("C02")).set(1, -3));
    }

    @Test
    void aMissingSiteIsNamedByItsPath() {
        assertRejected("inbound_cost.C04.S2: is missing (every site listed needs a value here)",
                root -> ((ObjectNode) root.with("inbound_cost").get("C04")).remove("S2"));
    }

    @Test
    void periodsMustBeZeroToNMinusOne() {
        assertRejected("periods[0]: must be 0 (periods are 0..n-1 in order), got 1",
                root -> root.putArray("periods").add(1).add(2).add(3).add(4).add(5).add(6));
        assertRejected("periods[3]: must be 3 (periods are 0..n-1 in order), got 4",
                root -> root.putArray("periods").add(0).add(1).add(2).add(4).add(5).add(6));
    }

    @Test
    void otherRulesNameTheirPathToo() {
        assertRejected("format_version: must be 1, got 2", root -> root.put("format_version", 2));
        assertRejected("orders[1]: duplicate name \"C01\"", root -> ((ArrayNode) root.get("orders")).set(1, "C01"));
        assertRejected("sites[0]: must match [A-Za-z0-9_.-]{1,64}, got \"a/b\"",
                root -> ((ArrayNode) root.get("sites")).set(0, "a/b"));
        assertRejected("capacity.M3: is not a listed line",
                root -> root.with("capacity").set("M3", root.with("capacity").get("M1")));
        assertRejected("variable_cost.M1: must be a list of 6 values (one per period), got 5 values",
                root -> ((ArrayNode) root.with("variable_cost").get("M1")).remove(5));
        assertRejected("outbound_cost.C01.S1[2]: must be a finite number >= 0, got \"1.0\"",
                root -> ((ArrayNode) root.with("outbound_cost").with("C01").get("S1")).set(2, "1.0"));
        assertRejected("extra: unknown field (expected format_version, orders, sites, lines, periods, demand,"
                + " variable_cost, capacity, inbound_cost, outbound_cost)", root -> root.put("extra", 1));
        assertRejected("demand: is missing", root -> root.remove("demand"));
    }

    @Test
    void aNumberBeyondADoubleIsNotFinite() {
        String example = new String(GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE), StandardCharsets.UTF_8);
        byte[] overflowing = example.replaceFirst("163\\.7", "1e999").getBytes(StandardCharsets.UTF_8);
        assertEquals("capacity.M1[0]: must be a finite number >= 0, got Infinity",
                assertThrows(InvalidInputException.class, () -> BaselineFile.parse(overflowing)).getMessage());
    }

    /** 2^63 is refused, the largest double below it kept: events carry no larger magnitude. */
    @Test
    void aValueAnEventCouldNotCarryIsNamedByItsPath() {
        String example = new String(GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE), StandardCharsets.UTF_8);
        assertEquals("capacity.M1[0]: must be smaller than 2^63, got 1e+30", assertThrows(InvalidInputException.class,
                () -> BaselineFile.parse(example.replaceFirst("163\\.7", "1e30").getBytes(StandardCharsets.UTF_8)))
                .getMessage());
        assertEquals("capacity.M1[0]: must be smaller than 2^63, got 9223372036854775807 (9.223372036854776e+18 as a"
                + " double)",
                assertThrows(InvalidInputException.class, () -> BaselineFile.parse(example
                        .replaceFirst("163\\.7", "9223372036854775807").getBytes(StandardCharsets.UTF_8)))
                        .getMessage());
        double largest = Math.nextDown(0x1p63);
        Baseline read = BaselineFile.parse(example.replaceFirst("163\\.7", String.valueOf(largest))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(largest, read.capacity()[0][0]);
    }

    @Test
    void aValueOfTheWrongKindIsQuotedAndCutShort() {
        assertRejected("demand.C03: must be a list of 6 values (one per period), got 5, not a list",
                root -> root.with("demand").put("C03", 5));
        assertRejected("demand.C03: must be a list of 6 values (one per period), got {\"a\":\"" + "x".repeat(31) + "...,"
                + " not a list", root -> root.with("demand").putObject("C03").put("a", "x".repeat(1000)));
        assertRejected("periods[2]: must be 2 (periods are 0..n-1 in order, written as a whole number), got 2.0",
                root -> root.putArray("periods").add(0).add(1).add(2.0).add(3).add(4).add(5));
    }

    @Test
    void notJsonIsRefusedAsSuch() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BaselineFile.parse("{\"format_version\": NaN}".getBytes()));
        assertEquals("baseline", e.field());
    }

    private static void assertRejected(String message, Consumer<ObjectNode> damage) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE));
            damage.accept(root);
            byte[] bytes = MAPPER.writeValueAsBytes(root);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> BaselineFile.parse(bytes));
            assertEquals(message, e.getMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
