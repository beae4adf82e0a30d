package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.testsupport.GoldenFiles;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class BaselineGeneratorTest {

    /**
     * Baseline vectors in rng_vectors.json: {@code seed<N>_<table>[_<order>][_<site or line>]}.
     * A list value is one series; an object value maps the last unnamed dimension (line, site or
     * order) to its series.
     */
    static final Pattern VECTOR_KEY =
            Pattern.compile("seed(\\d+)_(demand|variable_cost|capacity|inbound|outbound)(?:_(O\\d+))?(?:_(.+))?");

    @TestFactory
    List<DynamicTest> everyBaselineVectorInTheReferenceFile() {
        JsonNode vectors = GoldenFiles.read(GoldenFiles.RNG_VECTORS);
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vectors.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> vector = it.next();
            Matcher key = VECTOR_KEY.matcher(vector.getKey());
            if (!key.matches()) {
                continue;
            }
            Baseline baseline = BaselineGenerator.generate(Long.parseLong(key.group(1)));
            String table = key.group(2);
            String order = key.group(3);
            String last = key.group(4);
            JsonNode expected = vector.getValue();
            if (expected.isArray()) {
                tests.add(dynamicTest(vector.getKey(),
                        () -> assertSeries(vector.getKey(), expected, series(baseline, table, order, last))));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> inner = expected.fields(); inner.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = inner.next();
                    String name = vector.getKey() + "." + entry.getKey();
                    String dimension = entry.getKey();
                    tests.add(dynamicTest(name, () -> assertSeries(name, entry.getValue(),
                            table.equals("demand")
                                    ? series(baseline, table, dimension, last)
                                    : series(baseline, table, order, dimension))));
                }
            }
        }
        assertTrue(tests.size() >= 6, "expected the seed-7 baseline vectors in rng_vectors.json, found " + tests.size());
        return tests;
    }

    private static double[] series(Baseline b, String table, String order, String lineOrSite) {
        switch (table) {
            case "demand":
                return b.demand()[index(b.orders(), order)];
            case "variable_cost":
                return b.variableCost()[index(b.lines(), lineOrSite)];
            case "capacity":
                return b.capacity()[index(b.lines(), lineOrSite)];
            case "inbound":
                return b.inboundCost()[index(b.orders(), order)][index(b.sites(), lineOrSite)];
            case "outbound":
                return b.outboundCost()[index(b.orders(), order)][index(b.sites(), lineOrSite)];
            default:
                return fail("unknown baseline table " + table);
        }
    }

    private static int index(List<String> names, String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            fail("unknown entity " + name + ", expected one of " + names);
        }
        return index;
    }

    private static void assertSeries(String name, JsonNode expected, double[] actual) {
        double[] want = new double[expected.size()];
        for (int i = 0; i < want.length; i++) {
            want[i] = expected.get(i).doubleValue();
        }
        assertArrayEquals(want, actual, name);
    }

    @Test
    void entitiesInTheSeedsOrder() {
        Baseline b = BaselineGenerator.generate(BaselineGenerator.DEFAULT_SEED);
        assertEquals(20, b.orders().size());
        assertEquals("O001", b.orders().get(0));
        assertEquals("O020", b.orders().get(19));
        assertEquals(List.of("DE_KA", "DE_ST", "PL_PO"), b.sites());
        assertEquals(List.of("L1", "L2", "L3"), b.lines());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), b.periods());
        assertEquals(7, b.seed());
        assertEquals(20, b.inboundCost().length);
        assertEquals(3, b.inboundCost()[0].length);
        assertEquals(8, b.outboundCost()[19][2].length);
    }

    @Test
    void deterministicPerSeedAndDifferentAcrossSeeds() {
        Baseline first = BaselineGenerator.generate(7);
        Baseline second = BaselineGenerator.generate(7);
        assertNotSame(first.demand(), second.demand());
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
        assertNotEquals(first, BaselineGenerator.generate(8));
    }

    @Test
    void valuesStayWithinTheGeneratorsRanges() {
        Baseline b = BaselineGenerator.generate(2024);
        for (double[] row : b.demand()) {
            for (double d : row) {
                assertTrue(d >= 40.0 && d <= 200 * 1.2 + 10, "demand " + d);
            }
        }
        for (double[] row : b.variableCost()) {
            for (double v : row) {
                assertTrue(v >= 8.0 && v <= 15.0 * 1.14 + 0.01, "variable cost " + v);
            }
        }
        for (double[][] order : b.inboundCost()) {
            for (double[] site : order) {
                for (double c : site) {
                    assertTrue(c >= 0.5 && c <= 2.0 * 1.07 + 0.001, "inbound cost " + c);
                }
            }
        }
    }

    @Test
    void capacityIsTheRoundedLineShareOfFivePercentAbovePeriodDemand() {
        Baseline b = BaselineGenerator.generate(7);
        double[] shares = {0.40, 0.35, 0.25};
        for (int t = 0; t < b.periods().size(); t++) {
            double demand = 0.0;
            for (double[] order : b.demand()) {
                demand += order[t];
            }
            for (int l = 0; l < shares.length; l++) {
                assertEquals(PyMath.round(demand * 1.05 * shares[l], 1), b.capacity()[l][t], 0.0);
            }
        }
    }

    @Test
    void componentNamesTheGenerator() {
        assertEquals(new Component("seed-baseline", "1.0.0"), BaselineGenerator.COMPONENT);
    }
}
