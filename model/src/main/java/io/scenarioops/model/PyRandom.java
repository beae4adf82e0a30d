package io.scenarioops.model;

/**
 * A port of CPython's {@code random.Random}: the MT19937 Mersenne Twister seeded the way
 * {@code random.Random(int)} seeds it, and the few drawing methods the seed model uses, each
 * consuming exactly the same 32-bit outputs as CPython so that every later draw stays in step.
 *
 * <p>Not thread-safe: like its Python original, an instance is one sequential stream.
 */
public final class PyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908B0DF;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7FFFFFFF;

    private final int[] mt = new int[N];
    private int index;

    /**
     * Seeds like {@code random.Random(seed)}: {@code |seed|} split into 32-bit words, least
     * significant first, fed to MT19937's {@code init_by_array}.
     */
    public PyRandom(long seed) {
        // Negating Long.MIN_VALUE leaves it unchanged, and that bit pattern read as unsigned is
        // exactly |Long.MIN_VALUE| = 2^63, so the unsigned view below is right for every seed.
        long magnitude = seed < 0 ? -seed : seed;
        int low = (int) magnitude;
        int high = (int) (magnitude >>> 32);
        initByArray(high == 0 ? new int[] {low} : new int[] {low, high});
    }

    /** The next tempered 32-bit output (CPython's {@code genrand_uint32}), as a non-negative long. */
    public long nextU32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return Integer.toUnsignedLong(y);
    }

    /** {@code random.random()}: 53 random bits from two outputs, in [0, 1). */
    public double random() {
        long a = nextU32() >>> 5;
        long b = nextU32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /**
     * {@code random.getrandbits(k)} for 1 &lt;= k &lt;= 63. Up to 32 bits come from the top of one
     * output; wider values are assembled like CPython does, least significant word first, the last
     * word keeping its top bits.
     */
    public long getrandbits(int k) {
        if (k < 1 || k > 63) {
            throw new IllegalArgumentException("k must be within [1, 63], got " + k);
        }
        long result = 0;
        for (int shift = 0; shift < k; shift += 32) {
            int bits = Math.min(32, k - shift);
            result |= (nextU32() >>> (32 - bits)) << shift;
        }
        return result;
    }

    /** {@code random.randint(lo, hi)}: rejection sampling on {@code bitLength(hi - lo + 1)} bits. */
    public int randint(int lo, int hi) {
        if (hi < lo) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        long n = (long) hi - lo + 1;
        int k = 64 - Long.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) (lo + r);
    }

    /** {@code random.uniform(lo, hi)}. */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random();
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    // int arithmetic wraps modulo 2^32, which is exactly the reference code's uint32 arithmetic.
    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK;
    }

    private void twist() {
        for (int kk = 0; kk < N; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
            mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        index = 0;
    }
}
