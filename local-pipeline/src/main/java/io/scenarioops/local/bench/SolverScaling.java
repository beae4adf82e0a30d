package io.scenarioops.local.bench;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.solver.SolverService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * The pipeline's second solver instance, owned by the bench so that it can time a solver-bound
 * run with one solver and again with two, in the same consumer group. Between measurements the
 * second solver runs, so the other figures see the demo's two solvers.
 */
final class SolverScaling implements AutoCloseable {
    /** Past the pipeline's own solver instance (index 0). */
    private static final int SECOND_SOLVER_INDEX = 1;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE_POLL = Duration.ofMillis(50);

    record Result(double oneSolverSeconds, double twoSolversSeconds) {
        double ratio() {
            return oneSolverSeconds / twoSolversSeconds;
        }
    }

    private final ScenarioOpsConfig config;
    private final PipelineTimer timer;
    private final Admin admin;
    private final String groupId;
    private SolverService second;

    /** @param config a running pipeline with one solver instance; a second starts now */
    SolverScaling(ScenarioOpsConfig config) {
        this.config = config;
        this.timer = new PipelineTimer(config.kafka());
        this.admin = Admin.create(KafkaClientProperties.admin(config.kafka(), "bench-solver-scaling"));
        this.groupId = new TopicCatalog(config.kafka().topicPrefix()).prefix() + SolverService.GROUP_ID;
        this.second = startSecond();
    }

    Result measure(int scenarios, InstanceSize size) {
        second.stop();
        awaitSettledGroup(1);
        double one = timer.run(Workloads.lpRun(scenarios, size)).total();
        // a new instance under the same index: its transactional id fences nothing still running
        second = startSecond();
        awaitSettledGroup(2);
        double two = timer.run(Workloads.lpRun(scenarios, size)).total();
        return new Result(one, two);
    }

    private SolverService startSecond() {
        SolverService solver = new SolverService(config.kafka(), config.objectStore(), SECOND_SOLVER_INDEX);
        solver.start();
        return solver;
    }

    /**
     * Until the solver group is stable with {@code members} members that hold every partition: a
     * run timed while the group rebalances after a solver left or joined counts the group's
     * waiting (up to a heartbeat interval, 3 s) as solving time, which made the ratio swing
     * between 0.98 and 3.76 within one bench run.
     */
    private void awaitSettledGroup(int members) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        String seen = "not described yet";
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription group = describeGroup();
            int assigned = group.members().stream()
                    .mapToInt(member -> member.assignment().topicPartitions().size())
                    .sum();
            if (group.groupState() == GroupState.STABLE && group.members().size() == members
                    && assigned == TopicCatalog.SCENARIO_TOPIC_PARTITIONS) {
                return;
            }
            seen = group.groupState() + " with " + group.members().size() + " members holding " + assigned
                    + " partitions";
            sleep(SETTLE_POLL);
        }
        throw new IllegalStateException("solver group " + groupId + " did not settle with " + members
                + " members within " + SETTLE_TIMEOUT + "; last seen " + seen);
    }

    private ConsumerGroupDescription describeGroup() {
        try {
            return admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe solver group " + groupId + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        second.stop();
        admin.close();
    }
}
