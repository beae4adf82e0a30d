package io.scenarioops.launcher;

/** JVM-wide settings of every ScenarioOps process, applied first thing in {@code main}. */
public final class ProcessDefaults {
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final int MIN_COMMON_POOL_PARALLELISM = 2;

    private ProcessDefaults() {
    }

    /**
     * Gives the common pool at least two threads, unless the command line sets its size.
     *
     * <p>{@code CompletableFuture}'s async methods without an executor use the common pool only
     * when its parallelism is above one, and otherwise start a new thread for every task. The
     * pool's default is one thread fewer than the cores, so on two cores it is one; the MinIO
     * client calls {@code supplyAsync} for every PUT, and a 1,000-scenario sweep started 6,002
     * threads for them (JFR's thread-start events). Both read the setting once, when first used:
     * this must run before anything touches the common pool or {@code CompletableFuture}.
     */
    public static void apply() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null
                && Runtime.getRuntime().availableProcessors() - 1 < MIN_COMMON_POOL_PARALLELISM) {
            System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(MIN_COMMON_POOL_PARALLELISM));
        }
    }
}
