import java.security.MessageDigest;
import java.util.Random;

/**
 * SHA-256 and MD5 throughput on a 90 KB buffer (about a seed scenario's fact_production.json),
 * to compare JIT settings: {@code java bench/probes/DigestSpeed.java} against
 * {@code java -XX:TieredStopAtLevel=1 bench/probes/DigestSpeed.java} (C1 only, as ./scenarioops demo runs).
 */
public final class DigestSpeed {
    private static final int BYTES = 90_000;
    private static final int DIGESTS_PER_ROUND = 2_000;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        byte[] buffer = new byte[BYTES];
        new Random(1).nextBytes(buffer);
        for (String algorithm : new String[] {"SHA-256", "MD5"}) {
            for (int round = 1; round <= ROUNDS; round++) {
                long start = System.nanoTime();
                MessageDigest digest = MessageDigest.getInstance(algorithm);
                for (int i = 0; i < DIGESTS_PER_ROUND; i++) {
                    digest.update(buffer);
                    digest.digest();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s round %d: %.0f MB/s%n", algorithm, round,
                        (double) DIGESTS_PER_ROUND * BYTES / 1e6 / seconds);
            }
        }
    }
}
