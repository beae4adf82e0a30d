package io.scenarioops.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.BaselineRef;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.ScenarioModel;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The optional solver, instance and planning fields of the scenario events. */
class SolverChoiceEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "ab".repeat(32);

    private static ScenarioRequested lpRequest(ScenarioInputs inputs) {
        ScenarioRequested seed = SampleEvents.requested();
        return new ScenarioRequested(seed.header(), seed.seed(), seed.knobs(), seed.notes(), "lp-v1", inputs);
    }

    @Test
    void aRequestForLpOnASizedInstanceWithParametersRoundTrips() {
        ScenarioInputs inputs = new ScenarioInputs(new InstanceSize(40, 10), null,
                PlanningParameters.of(Map.of("overtime_share", 0.1)));
        ScenarioRequested request = lpRequest(inputs);
        ScenarioRequested decoded = EventCodec.SCENARIO_REQUESTED.decode(EventCodec.SCENARIO_REQUESTED.encode(request));
        assertEquals(request, decoded);
        assertEquals(LpSolver.INSTANCE, decoded.chosenSolver());
        assertEquals(0.1, decoded.inputs().planningOrDefaults().overtimeShare(), 0.0);
    }

    @Test
    void defaultsAreWrittenAsAbsentSoOldRequestsKeepTheirBytes() {
        ScenarioRequested seed = SampleEvents.requested();
        ScenarioRequested explicitDefaults = new ScenarioRequested(seed.header(), seed.seed(), seed.knobs(),
                seed.notes(), "toy-v1", new ScenarioInputs(InstanceSize.SEED, null, PlanningParameters.DEFAULTS));
        assertEquals(new String(EventCodec.SCENARIO_REQUESTED.encode(seed)),
                new String(EventCodec.SCENARIO_REQUESTED.encode(explicitDefaults)));
        assertNull(explicitDefaults.solver());
    }

    @Test
    void aBadPlanningValueIsRefusedNamingTheField() {
        byte[] bytes = mutated(lpRequest(new ScenarioInputs(null, null, PlanningParameters.of(Map.of("site_share", 0.4)))),
                n -> n.with("planning").put("overtime_share", -1));
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventCodec.SCENARIO_REQUESTED.decode(bytes));
        assertTrue(e.getMessage().contains("/planning/overtime_share: must have a minimum value of 0"), e.getMessage());
        byte[] zeroShare = mutated(lpRequest(new ScenarioInputs(null, null, PlanningParameters.of(Map.of("site_share", 0.4)))),
                n -> n.with("planning").put("site_share", 0));
        e = assertThrows(InvalidEventException.class, () -> EventCodec.SCENARIO_REQUESTED.decode(zeroShare));
        assertTrue(e.getMessage().contains("/planning/site_share"), e.getMessage());
    }

    @Test
    void aBaselineReferenceMustBeTheKeyOfItsHash() {
        byte[] elsewhere = mutated(lpRequest(new ScenarioInputs(null, BaselineRef.of(SHA), null)),
                n -> n.with("baseline").put("key", "runs/dt=2024-05-01/run_id=x/run_metadata.json"));
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventCodec.SCENARIO_REQUESTED.decode(elsewhere));
        assertTrue(e.getMessage().contains("/baseline/key"), e.getMessage());
        byte[] otherHash = mutated(lpRequest(new ScenarioInputs(null, BaselineRef.of(SHA), null)),
                n -> n.with("baseline").put("sha256", "cd".repeat(32)));
        e = assertThrows(InvalidEventException.class, () -> EventCodec.SCENARIO_REQUESTED.decode(otherHash));
        assertTrue(e.getMessage().contains("baseline.key: must be baselines/sha256=cdcd"), e.getMessage());
    }

    @Test
    void aRequestNamesASizeOrABaselineFileNotBoth() {
        byte[] both = mutated(lpRequest(new ScenarioInputs(null, BaselineRef.of(SHA), null)),
                n -> n.putObject("instance_size").put("orders", 40).put("periods", 10));
        assertThrows(InvalidEventException.class, () -> EventCodec.SCENARIO_REQUESTED.decode(both));
        byte[] unknownSolver = mutated(SampleEvents.requested(), n -> n.put("solver", "milp-v9"));
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventCodec.SCENARIO_REQUESTED.decode(unknownSolver));
        assertTrue(e.getMessage().contains("/solver"), e.getMessage());
    }

    @Test
    void anLpSolvedEventCarriesItsTablesAndNoToyRows() {
        ScenarioRequested request = lpRequest(ScenarioInputs.SEED);
        ScenarioSolved solved = ScenarioSolved.of(request, request.header().next(SampleEvents.SOLVED_EVENT_ID,
                SampleEvents.SOLVED_AT), SampleEvents.GENERATOR, LpSolver.COMPONENT,
                ScenarioModel.run(BaselineGenerator.generate(7), Knobs.NEUTRAL, LpSolver.INSTANCE,
                        PlanningParameters.DEFAULTS));
        assertNull(solved.factProduction());
        assertEquals(24, solved.lpPlan().factProduction().size());
        ScenarioSolved decoded = EventCodec.SCENARIO_SOLVED.decode(EventCodec.SCENARIO_SOLVED.encode(solved));
        assertEquals(solved.lpPlan(), decoded.lpPlan());
        assertEquals(322133.37, decoded.kpiTotal().totalCost(), 0.0);
        assertFalse(decoded.failed());
        byte[] withToyRows = mutated(solved, n -> n.set("fact_production",
                JSON.valueToTree(SampleEvents.outcome().result().factProduction())));
        assertThrows(InvalidEventException.class, () -> EventCodec.SCENARIO_SOLVED.decode(withToyRows));
    }

    private static <T extends PipelineEvent> byte[] mutated(T event, Consumer<ObjectNode> change) {
        try {
            @SuppressWarnings("unchecked")
            EventCodec<T> codec = (EventCodec<T>) (event instanceof ScenarioSolved ? EventCodec.SCENARIO_SOLVED
                    : EventCodec.SCENARIO_REQUESTED);
            ObjectNode node = (ObjectNode) JSON.readTree(codec.encode(event));
            change.accept(node);
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
