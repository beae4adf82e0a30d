package io.scenarioops.local.bench;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.solver.SolverService;

/**
 * The pipeline's second solver instance, owned by the bench so that it can time a solver-bound
 * run with one solver and again with two, in the same consumer group. Between measurements the
 * second solver runs, so the other figures see the demo's two solvers.
 */
final class SolverScaling implements AutoCloseable {
    /** Past the pipeline's own solver instance (index 0). */
    private static final int SECOND_SOLVER_INDEX = 1;

    record Result(double oneSolverSeconds, double twoSolversSeconds) {
        double ratio() {
            return oneSolverSeconds / twoSolversSeconds;
        }
    }

    private final ScenarioOpsConfig config;
    private final PipelineTimer timer;
    private SolverService second;

    /** @param config a running pipeline with one solver instance; a second starts now */
    SolverScaling(ScenarioOpsConfig config) {
        this.config = config;
        this.timer = new PipelineTimer(config.kafka());
        this.second = startSecond();
    }

    Result measure(int scenarios, InstanceSize size) {
        second.stop();
        double one = timer.run(Workloads.lpRun(scenarios, size)).total();
        // a new instance under the same index: its transactional id fences nothing still running
        second = startSecond();
        double two = timer.run(Workloads.lpRun(scenarios, size)).total();
        return new Result(one, two);
    }

    private SolverService startSecond() {
        SolverService solver = new SolverService(config.kafka(), config.objectStore(), SECOND_SOLVER_INDEX);
        solver.start();
        return solver;
    }

    @Override
    public void close() {
        second.stop();
    }
}
