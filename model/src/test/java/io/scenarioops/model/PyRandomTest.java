package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.testsupport.GoldenFiles;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PyRandomTest {

    /** The generator vectors are drawn from {@code random.Random(7)} unless the key names a seed. */
    private static final long VECTOR_SEED = 7;

    private static final Pattern GETRANDBITS = Pattern.compile("getrandbits(\\d+)_first(\\d+)");
    private static final Pattern RANDOM = Pattern.compile("random_first(\\d+)");
    private static final Pattern RANDINT = Pattern.compile("randint_(-?\\d+)_(-?\\d+)_first(\\d+)");
    private static final Pattern UNIFORM = Pattern.compile("uniform_(-?[\\d.]+)_(-?[\\d.]+)_first(\\d+)");
    private static final Pattern SEEDED_RANDOM = Pattern.compile("seed_(\\w+?)_random_first(\\d+)");
    private static final Pattern POWER_SEED = Pattern.compile("(\\d+)pow(\\d+)(?:plus(\\d+))?");

    /**
     * Every vector in rng_vectors.json, by its key: generator vectors here, seed-7 baseline
     * vectors in {@link BaselineGeneratorTest}. A key neither understands fails, so a vector added
     * to the file cannot go unchecked.
     */
    @TestFactory
    List<DynamicTest> everyGeneratorVectorInTheReferenceFile() {
        JsonNode vectors = GoldenFiles.read(GoldenFiles.RNG_VECTORS);
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vectors.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> vector = it.next();
            String key = vector.getKey();
            JsonNode expected = vector.getValue();
            if (expected.isTextual() || BaselineGeneratorTest.VECTOR_KEY.matcher(key).matches()) {
                continue;
            }
            tests.add(dynamicTest(key, () -> checkGeneratorVector(key, expected)));
        }
        assertTrue(tests.size() >= 7, "expected the generator vectors in rng_vectors.json, found " + tests.size());
        return tests;
    }

    private static void checkGeneratorVector(String key, JsonNode expected) {
        Matcher m;
        if ((m = GETRANDBITS.matcher(key)).matches()) {
            int k = Integer.parseInt(m.group(1));
            assertSequence(key, expected, Integer.parseInt(m.group(2)), VECTOR_SEED, r -> r.getrandbits(k));
        } else if ((m = RANDOM.matcher(key)).matches()) {
            assertSequence(key, expected, Integer.parseInt(m.group(1)), VECTOR_SEED, PyRandom::random);
        } else if ((m = RANDINT.matcher(key)).matches()) {
            int lo = Integer.parseInt(m.group(1));
            int hi = Integer.parseInt(m.group(2));
            assertSequence(key, expected, Integer.parseInt(m.group(3)), VECTOR_SEED, r -> r.randint(lo, hi));
        } else if ((m = UNIFORM.matcher(key)).matches()) {
            double lo = Double.parseDouble(m.group(1));
            double hi = Double.parseDouble(m.group(2));
            assertSequence(key, expected, Integer.parseInt(m.group(3)), VECTOR_SEED, r -> r.uniform(lo, hi));
        } else if ((m = SEEDED_RANDOM.matcher(key)).matches()) {
            assertSequence(key, expected, Integer.parseInt(m.group(2)), seedOf(m.group(1)), PyRandom::random);
        } else {
            fail("unrecognised vector key in rng_vectors.json: " + key);
        }
    }

    private static long seedOf(String token) {
        Matcher power = POWER_SEED.matcher(token);
        if (power.matches()) {
            BigInteger seed = new BigInteger(power.group(1)).pow(Integer.parseInt(power.group(2)));
            if (power.group(3) != null) {
                seed = seed.add(new BigInteger(power.group(3)));
            }
            return seed.longValueExact();
        }
        return Long.parseLong(token);
    }

    private interface Draw {
        Object next(PyRandom random);
    }

    private static void assertSequence(String key, JsonNode expected, int count, long seed, Draw draw) {
        assertTrue(expected.isArray(), key + " is not a list");
        assertEquals(count, expected.size(), key + " length");
        PyRandom random = new PyRandom(seed);
        for (int i = 0; i < count; i++) {
            Object actual = draw.next(random);
            JsonNode want = expected.get(i);
            if (actual instanceof Double d) {
                assertEquals(want.doubleValue(), d, 0.0, key + "[" + i + "]");
            } else {
                assertEquals(want.longValue(), ((Number) actual).longValue(), key + "[" + i + "]");
            }
        }
    }

    @Test
    void negativeSeedsSeedWithTheirAbsoluteValue() {
        for (long seed : new long[] {1, 7, 123456789, (1L << 40) + 5, Long.MAX_VALUE}) {
            assertEquals(firstOutputs(seed), firstOutputs(-seed), "seed " + seed);
        }
    }

    // Expected values below are CPython 3.11 outputs of random.Random(seed): getrandbits(32), random(), randint(1, 6).

    @Test
    void longMinValueSeedsAsTwoToThe63() {
        assertEquals(List.of(2377109768L, 0.393892049346972, 2L), firstOutputs(Long.MIN_VALUE));
    }

    @Test
    void seedsOfOneAndTwoWordsMatchCPython() {
        assertEquals(List.of(3626764237L, 0.3852453064766108, 4L), firstOutputs(0));
        assertEquals(List.of(577090037L, 0.5692038748222122, 1L), firstOutputs(1));
        assertEquals(List.of(2728839433L, 0.6195681631803508, 2L), firstOutputs(4294967295L));
        assertEquals(List.of(485306839L, 0.35131142599753185, 1L), firstOutputs(4294967296L));
        assertEquals(List.of(1359979423L, 0.6565487878863462, 2L), firstOutputs(Long.MAX_VALUE));
    }

    private static List<Object> firstOutputs(long seed) {
        PyRandom random = new PyRandom(seed);
        return List.of(random.getrandbits(32), random.random(), (long) random.randint(1, 6));
    }

    @Test
    void wideDrawsAssembleWordsLikeCPython() {
        PyRandom random = new PyRandom(7);
        assertEquals(5685818424L, random.getrandbits(33));
        assertEquals(3641603982383516983L, random.getrandbits(63));

        PyRandom fullRange = new PyRandom(7);
        assertEquals(-1499591369, fullRange.randint(Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals(648258640, fullRange.randint(Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals(154112043, fullRange.randint(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void singleValueRangeStillConsumesDraws() {
        PyRandom random = new PyRandom(7);
        assertEquals(5, random.randint(5, 5));
        assertEquals(5, random.randint(5, 5));
        assertEquals(0.3948234964231735, random.random(), 0.0);
    }

    @Test
    void outputsStayInRange() {
        PyRandom random = new PyRandom(99);
        for (int i = 0; i < 10_000; i++) {
            long u = random.nextU32();
            assertTrue(u >= 0 && u <= 0xFFFFFFFFL, "u32 " + u);
            double r = random.random();
            assertTrue(r >= 0.0 && r < 1.0, "random " + r);
            int n = random.randint(-10, 10);
            assertTrue(n >= -10 && n <= 10, "randint " + n);
            double x = random.uniform(0.5, 2.0);
            assertTrue(x >= 0.5 && x <= 2.0, "uniform " + x);
        }
    }

    @Test
    void rejectsInvalidArguments() {
        PyRandom random = new PyRandom(7);
        assertThrows(IllegalArgumentException.class, () -> random.getrandbits(0));
        assertThrows(IllegalArgumentException.class, () -> random.getrandbits(64));
        assertThrows(IllegalArgumentException.class, () -> random.randint(2, 1));
    }

    @Test
    void sameSeedSameStream() {
        LongFunction<List<Double>> draws = seed -> {
            PyRandom random = new PyRandom(seed);
            List<Double> out = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                out.add(random.random());
            }
            return out;
        };
        assertEquals(draws.apply(42), draws.apply(42));
    }
}
