package io.scenarioops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSecondRunOfTheDayIsWrittenBesideTheFirstNotOverIt(@TempDir Path results) throws IOException {
        BenchReport first = new BenchReport(BenchMode.QUICK);
        first.add(new Samples("sweep", "scenarios/s", List.of(80.0, 90.0, 100.0)));
        BenchReport second = new BenchReport(BenchMode.QUICK);
        second.add(new Samples("sweep", "scenarios/s", List.of(40.0)));

        Path firstFile = first.write(results);
        Path secondFile = second.write(results);
        Path thirdFile = second.write(results);

        String day = LocalDate.now() + "-quick";
        assertEquals(results.resolve(day + ".json"), firstFile);
        assertEquals(results.resolve(day + "-2.json"), secondFile);
        assertEquals(results.resolve(day + "-3.json"), thirdFile);
        assertEquals(90.0, median(firstFile), "the first run's results are kept");
        assertEquals(40.0, median(secondFile));
    }

    @Test
    void theResultsNameTheMachineAsTheBenchFoundIt(@TempDir Path results) throws IOException {
        BenchReport report = new BenchReport(BenchMode.QUICK);

        JsonNode machine = JSON.readTree(report.write(results).toFile()).get("machine");

        assertEquals(Runtime.getRuntime().availableProcessors(), machine.get("cores").intValue());
        assertEquals(BenchReport.cpuModel().orElse(null),
                machine.has("cpu") ? machine.get("cpu").textValue() : null);
        assertTrue(machine.get("load_average_1m_at_start").doubleValue() >= 0, machine.toString());
    }

    private static double median(Path file) throws IOException {
        JsonNode document = JSON.readTree(file.toFile());
        return document.get("figures").get("sweep").get("median").doubleValue();
    }
}
