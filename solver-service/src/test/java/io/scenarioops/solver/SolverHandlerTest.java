package io.scenarioops.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.events.EventCodec;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.model.Baseline;
import io.scenarioops.model.BaselineFile;
import io.scenarioops.model.BaselineRef;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.Sha256;
import io.scenarioops.testsupport.GoldenFiles;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The solver's records: a plan whose numbers no event can carry fails its scenario, so the run completes. */
class SolverHandlerTest {
    private static final TopicCatalog TOPICS = new TopicCatalog("");

    @Test
    void aPlanBeyondWhatAnEventCarriesIsRefusedAndItsFailedStandInIsReadable() {
        // a valid baseline file (demand >= 0 and finite) whose costs the toy solver takes past 2^63
        Baseline baseline = BaselineFile.parse(GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE));
        baseline.demand()[0][0] = 4e18;
        byte[] file = BaselineFile.write(baseline);
        BaselineRef ref = BaselineRef.of(Sha256.hex(file));
        ScenarioSolver solver = new ScenarioSolver(Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC),
                new BaselineFiles(key -> Optional.ofNullable(Map.of(ref.key(), file).get(key))));
        // tables are offloaded only for events over 512 KiB; this one never gets that far
        SolverHandler handler = new SolverHandler(TOPICS, solver, new TableOffload(null));
        ScenarioRequested toy = ScenarioSolverTest.request("huge", Knobs.NEUTRAL);
        ScenarioRequested request = new ScenarioRequested(toy.header(), toy.seed(), toy.knobs(), toy.notes(), null,
                new ScenarioInputs(null, ref, null));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPICS.scenarioRequested().name(), 0, 0L,
                request.key().getBytes(StandardCharsets.UTF_8), EventCodec.SCENARIO_REQUESTED.encode(request));

        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> handler.handle(record));
        assertTrue(refused.reason().matches("[a-z_]+(\\[\\d+])?(\\.[a-z_0-9]+)*: .* is out of range: an event's"
                + " numbers are finite and smaller than 2\\^63 in magnitude"), refused.reason());

        List<ProducerRecord<byte[], byte[]>> standIns = handler.onPermanentFailure(record, refused);
        assertEquals(1, standIns.size());
        ScenarioSolved failed = EventCodec.SCENARIO_SOLVED.decode(standIns.get(0).key(), standIns.get(0).value());
        assertTrue(failed.failed());
        assertNull(failed.kpiTotal());
        assertTrue(failed.failure().reason().contains(refused.reason()), failed.failure().reason());
    }
}
