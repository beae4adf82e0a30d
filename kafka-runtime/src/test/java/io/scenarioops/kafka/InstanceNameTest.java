package io.scenarioops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stable instance names, and the transactional ids stages derive from them. */
class InstanceNameTest {

    @Test
    void theConfiguredNameWinsOverTheHostName() {
        assertEquals("solver-a", InstanceName.of(Map.of(InstanceName.ENV, " solver-a "), () -> "host-1"));
    }

    @Test
    void withoutAConfiguredNameTheHostNameIsUsed() {
        assertEquals("host-1", InstanceName.of(Map.of(), () -> "host-1"));
        assertEquals("host-1", InstanceName.of(Map.of(InstanceName.ENV, "  "), () -> "host-1"));
    }

    private static TransactionalStage.Options options() {
        return new TransactionalStage.Options("solver", "group", "in", "in.dlq", 10, 3, Duration.ofMillis(10),
                Duration.ofMillis(100)).withInstance("pod-7");
    }

    @Test
    void theTransactionalIdIsTheSameForEveryStartOfTheSameInstance() {
        assertEquals("scenarioops-test.solver-pod-7", options().transactionalId("test."));
        assertEquals(options().transactionalId("test."), options().transactionalId("test."));
    }

    @Test
    void instancesOfOneProcessAreToldApartByTheirIndex() {
        assertEquals("scenarioops-solver-pod-7-0", options().withInstanceIndex(0).transactionalId(""));
        assertEquals("scenarioops-solver-pod-7-1", options().withInstanceIndex(1).transactionalId(""));
    }

    @Test
    void changingOtherOptionsKeepsTheInstance() {
        assertEquals("pod-7-1", options().withInstanceIndex(1).withMaxPollRecords(5).withConcurrency(4).instance());
    }
}
