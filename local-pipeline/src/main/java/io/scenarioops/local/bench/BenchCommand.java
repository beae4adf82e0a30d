package io.scenarioops.local.bench;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.local.LocalPipeline;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.LpSolveTimes;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.cli.Cli;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import io.scenarioops.publisher.ScenarioArtifacts;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.runstore.RunQueries;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Measures the pipeline on the embedded stack, side by side in one run: a sweep's throughput, the
 * same work in a bare loop without Kafka, the object store's own ceiling, the seed run's latency,
 * the stack's start and the peak RSS. Every figure is measured several times after a warm-up.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the pipeline on the embedded stack; prints a table and a summary line and writes"
                + " bench/results/<date>-<mode>.json. quick: five to seven minutes on two cores.")
public final class BenchCommand implements Callable<Integer> {
    /** Set by ./scenarioops to the repository, where bench/results lives. */
    static final String HOME_PROPERTY = "scenarioops.home";
    private static final int WARM_UP_SWEEP = 200;
    /** Large enough for its tables to travel through the object store, small enough to solve in 0.2 s. */
    private static final InstanceSize LP_WARM_UP_INSTANCE = new InstanceSize(200, 26);
    /**
     * lp-v1 solves per measurement of the two cores' ceiling for solver scaling, about 8 s per
     * repetition in all. With one solve per thread the measurement is the slower of two solves:
     * 2 gave 1.17-1.43 in a run where the pipeline itself reached 1.46; 4 gave 1.53-1.70.
     */
    private static final int CEILING_SOLVES = 4;

    @ParentCommand
    ScenarioOpsCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "quick", paramLabel = "MODE",
            description = "quick (default) or full.")
    String modeName;

    @Option(names = "--results-dir", paramLabel = "DIR",
            description = "Where the JSON results go (default: bench/results in the repository).")
    Path resultsDir;

    @Option(names = "--keep", description = "Keep the bench's data dir (in the system's temp dir) afterwards.")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        BenchMode mode = mode();
        if (mode == null) {
            spec.commandLine().getErr().println("error: MODE must be quick or full, got \"" + modeName + "\"");
            return Cli.EXIT_BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("scenarioops-bench-");
        try {
            BenchReport report = run(mode, root.config(), work, out);
            report.printTable(out);
            Path file = report.write(resultsDir != null ? resultsDir
                    : Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve("bench").resolve("results"));
            out.println("results in " + file);
            out.println(report.summaryLine());
            return Cli.EXIT_OK;
        } finally {
            if (keep) {
                out.println("bench data kept in " + work);
            } else {
                deleteRecursively(work);
            }
        }
    }

    private BenchMode mode() {
        for (BenchMode mode : BenchMode.values()) {
            if (mode.label().equals(modeName)) {
                return mode;
            }
        }
        return null;
    }

    private static BenchReport run(BenchMode mode, ScenarioOpsConfig config, Path work, PrintWriter out) {
        BenchReport report = new BenchReport(mode);
        int reps = mode.repetitions;
        step(out, "bench %s on %s", mode.label(), report.machine());

        StackStartTimer stackStart = new StackStartTimer(work);
        Samples cold = report.add(new Samples("stack start, new data dir", "s", stackStart.cold(reps)));
        step(out, "stack start, new data dir: %s s", cold.values());
        Samples warm = report.add(new Samples("stack start, existing data dir", "s", stackStart.warm(reps)));
        step(out, "stack start, existing data dir: %s s", warm.values());

        try (LocalPipeline pipeline = LocalPipeline.start(config.withDataDir(work.resolve("pipeline")), 1);
                BareLoop bare = new BareLoop(pipeline.config());
                ObjectStore store = new ObjectStore(pipeline.config().objectStore());
                SolverScaling scaling = new SolverScaling(pipeline.config());
                RunDatabase database = RunDatabase.openExisting(pipeline.config().postgres())) {
            RunQueries runs = new RunQueries(database);
            PipelineTimer timer = new PipelineTimer(pipeline.config().kafka());
            ObjectStoreCeiling ceiling = new ObjectStoreCeiling(store, scenarioObjects());
            Duration storeTime = Duration.ofSeconds(mode.storeSeconds);

            step(out, "warming up");
            for (int i = 0; i < 3; i++) {
                timer.run(Workloads.seedRun());
            }
            timer.run(Workloads.demandSweep(WARM_UP_SWEEP));
            bare.secondsFor(Workloads.demandSweep(WARM_UP_SWEEP));
            ceiling.measure(Duration.ofSeconds(1));
            // lp-v1 in both solvers, its tables through the store and QC's checks of them, before any timing
            timer.run(Workloads.lpRun(TopicCatalog.SCENARIO_TOPIC_PARTITIONS, LP_WARM_UP_INSTANCE));

            List<Double> pipelineRates = new ArrayList<>();
            List<Double> bareRates = new ArrayList<>();
            List<Double> ceilingRates = new ArrayList<>();
            List<Double> putRates = new ArrayList<>();
            List<Double> getRates = new ArrayList<>();
            List<Double> pipelineJitMillis = new ArrayList<>();
            List<Double> bareJitMillis = new ArrayList<>();
            int n = mode.sweepScenarios;
            for (int rep = 0; rep < reps; rep++) {
                // side by side: each repetition measures all three, so drifts in the machine's load hit each alike
                JvmActivity start = JvmActivity.now();
                double pipelineSeconds = timer.run(Workloads.demandSweep(n)).total();
                JvmActivity afterPipeline = JvmActivity.now();
                long pipelineJit = afterPipeline.since(start).compileMillis();
                double bareSeconds = bare.secondsFor(Workloads.demandSweep(n));
                long bareJit = JvmActivity.now().since(afterPipeline).compileMillis();
                ObjectStoreCeiling.Rates rates = ceiling.measure(storeTime);
                pipelineJitMillis.add((double) pipelineJit);
                bareJitMillis.add((double) bareJit);
                pipelineRates.add(n / pipelineSeconds);
                bareRates.add(n / bareSeconds);
                ceilingRates.add(rates.scenariosPerSecond());
                putRates.add(rates.putsPerSecond());
                getRates.add(rates.getsPerSecond());
                step(out, "repetition %d: pipeline %d scenarios in %.1f s (%.0f/s), bare loop %.1f s (%.0f/s),"
                        + " store %.0f PUT/s %.0f GET/s (%.0f scenarios/s); the JIT compiled for %d ms during the"
                        + " pipeline's sweep, %d ms during the bare loop's", rep + 1, n, pipelineSeconds,
                        n / pipelineSeconds, bareSeconds, n / bareSeconds, rates.putsPerSecond(), rates.getsPerSecond(),
                        rates.scenariosPerSecond(), pipelineJit, bareJit);
            }
            Samples sweep = report.add(new Samples("sweep of " + n + ", pipeline", "scenarios/s", pipelineRates));
            Samples bareSweep = report.add(new Samples("sweep of " + n + ", bare loop (no Kafka)", "scenarios/s",
                    bareRates));
            Samples storeCeiling = report.add(new Samples("object store ceiling (" + ObjectStoreCeiling.PUTS_PER_SCENARIO
                    + " PUT + " + ObjectStoreCeiling.GETS_PER_SCENARIO + " GET per scenario)", "scenarios/s",
                    ceilingRates));
            report.add(new Samples("object store PUT, scenario object sizes", "ops/s", putRates));
            report.add(new Samples("object store GET, scenario object sizes", "ops/s", getRates));
            // the JIT's compiler threads share the two cores with the sweeps: while they are busy the rates still climb
            report.add(new Samples("JIT compile time during the pipeline's sweep", "ms", pipelineJitMillis));
            report.add(new Samples("JIT compile time during the bare loop's sweep", "ms", bareJitMillis));
            // Latency last among these: until thousands of scenarios have gone through, the JIT's
            // compiler threads still compile about as long as the seed runs take (4.4-4.9 s summed
            // over them in each repetition of 12 when measured right after the warm-up).
            List<Double> latencies = new ArrayList<>();
            List<Double> latencyMedians = new ArrayList<>();
            LatencyHops hops = new LatencyHops();
            for (int rep = 0; rep < reps; rep++) {
                List<Double> these = new ArrayList<>();
                JvmActivity before = JvmActivity.now();
                for (int i = 0; i < mode.latencyRunsPerRepetition; i++) {
                    RunPlan plan = Workloads.seedRun();
                    PipelineTimer.Timing timing = timer.run(plan);
                    these.add(timing.processing() * 1000);
                    hops.add(runs.findRun(plan.runId()).orElseThrow(), timing.committed(), timing.seen());
                }
                JvmActivity during = JvmActivity.now().since(before);
                latencies.addAll(these);
                Samples repetition = new Samples("latency", "ms", these);
                latencyMedians.add(repetition.median());
                step(out, "seed run latency, repetition %d: median %.0f ms, p95 %.0f ms (meanwhile the JIT compiled for"
                        + " %d ms, GC took %d ms)", rep + 1, repetition.median(), repetition.percentile(95),
                        during.compileMillis(), during.gcMillis());
            }
            Samples latency = new Samples("seed run, request committed to run-completed", "ms", latencies);
            report.add(new Samples("seed run latency, median per repetition", "ms", latencyMedians));
            report.add(new Samples("seed run latency, p95 of all runs", "ms", List.of(latency.percentile(95))));
            for (Samples hop : hops.samples()) {
                report.add(hop);
            }
            step(out, "seed run latency by hop (medians): %s", hops.medians());

            Samples rss = report.add(new Samples("peak RSS of the bench JVM (stack + services)", "MB",
                    List.of(peakRssMegabytes())));

            report.summarise("latency_p50_ms", latency.median());
            report.summarise("sweep_scenarios_per_s", sweep.median());
            report.summarise("efficiency", sweep.median() / bareSweep.median());
            report.summarise("s3_ceiling_ratio", sweep.median() / storeCeiling.median());
            report.summarise("stack_start_s", cold.median());
            step(out, "peak RSS %.0f MB", rss.median());

            List<Double> ratios = new ArrayList<>();
            List<Double> oneSolver = new ArrayList<>();
            List<Double> twoSolvers = new ArrayList<>();
            List<Double> ceilingRatios = new ArrayList<>();
            SolveCeiling solveCeiling = new SolveCeiling(mode.lpInstance, CEILING_SOLVES);
            for (int rep = 0; rep < reps; rep++) {
                SolverScaling.Result result = scaling.measure(mode.lpScenarios, mode.lpInstance);
                oneSolver.add(result.oneSolverSeconds());
                twoSolvers.add(result.twoSolversSeconds());
                ratios.add(result.ratio());
                SolveCeiling.Result alone = solveCeiling.measure();
                ceilingRatios.add(alone.ratio());
                step(out, "solver scaling, repetition %d: %d lp-v1 scenarios on %dx%d in %.1f s with 1 solver, %.1f s"
                        + " with 2 (%.2f); %d solves alone in %.1f s on 1 thread, %.1f s on 2 (%.2f)", rep + 1,
                        mode.lpScenarios, mode.lpInstance.orders(), mode.lpInstance.periods(),
                        result.oneSolverSeconds(), result.twoSolversSeconds(), result.ratio(), CEILING_SOLVES,
                        alone.oneThreadSeconds(), alone.twoThreadsSeconds(), alone.ratio());
            }
            report.add(new Samples("lp-v1 run, 1 solver", "s", oneSolver));
            report.add(new Samples("lp-v1 run, 2 solvers", "s", twoSolvers));
            Samples solverScaling = report.add(new Samples("solver scaling (1-solver time / 2-solver time)", "x",
                    ratios));
            report.add(new Samples("lp-v1 solves alone, 1 thread / 2 threads (the two cores' ceiling)", "x",
                    ceilingRatios));
            for (LpSolveTimes.Timing timing : LpSolveTimes.measure(LpSolveTimes.BENCH_SIZES, mode.repetitions)) {
                report.add(new Samples("lp-v1 solve alone, " + timing.size().orders() + "x" + timing.size().periods(),
                        "ms", List.of(timing.medianMillis())));
            }
            report.summarise("solver_scaling", solverScaling.median());
        }
        return report;
    }

    /** The objects one scenario writes, rendered as the publisher renders them: the sizes the ceiling uses. */
    private static List<byte[]> scenarioObjects() {
        ScenarioRequested request = Workloads.seedRun().events().get(0);
        ScenarioArtifacts.Rendered rendered = ScenarioArtifacts.render(new ScenarioSolver(Clock.systemUTC(),
                new BaselineFiles(key -> Optional.empty())).solve(request));
        List<byte[]> objects = new ArrayList<>();
        rendered.artifacts().forEach(artifact -> objects.add(artifact.content()));
        objects.add(rendered.manifest().content());
        return objects;
    }

    /** The resident set's high-water mark, from Linux's /proc; 0 where there is none. */
    private static double peakRssMegabytes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .mapToDouble(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0)
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void step(PrintWriter out, String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
