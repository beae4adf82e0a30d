package io.scenarioops.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The bench's figures: a table, a JSON file with the machine's facts, and one summary line. */
final class BenchReport {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final BenchMode mode;
    private final List<Samples> figures = new ArrayList<>();
    private final Map<String, String> summary = new LinkedHashMap<>();
    /** Taken when the bench starts: its own load would be in a load average taken at the end. */
    private final Map<String, Object> machine = machineNow();

    BenchReport(BenchMode mode) {
        this.mode = mode;
    }

    /** The machine's facts as the bench found them. */
    Map<String, Object> machine() {
        return machine;
    }

    Samples add(Samples samples) {
        figures.add(samples);
        return samples;
    }

    void summarise(String key, double value) {
        summary.put(key, String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value));
    }

    void summarise(String key, String value) {
        summary.put(key, value);
    }

    void printTable(PrintWriter out) {
        out.printf(Locale.ROOT, "%n%-44s %10s %10s %10s  %s%n", "figure", "median", "min", "max", "unit (n)");
        for (Samples s : figures) {
            out.printf(Locale.ROOT, "%-44s %10.2f %10.2f %10.2f  %s (%d)%n", s.name(), s.median(), s.min(), s.max(),
                    s.unit(), s.values().size());
        }
    }

    String summaryLine() {
        List<String> parts = new ArrayList<>();
        summary.forEach((key, value) -> parts.add(key + "=" + value));
        return String.join(" ", parts);
    }

    /**
     * Writes {@code <date>-<mode>.json} into {@code directory}, or {@code <date>-<mode>-2.json} and
     * so on when a run of the same day is there already: results are kept, never overwritten.
     * Returns its path.
     */
    Path write(Path directory) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("mode", mode.label());
        document.put("date", LocalDate.now().toString());
        document.put("machine", machine);
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Samples s : figures) {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("unit", s.unit());
            figure.put("median", s.median());
            figure.put("min", s.min());
            figure.put("max", s.max());
            figure.put("values", s.values());
            byName.put(s.name(), figure);
        }
        document.put("figures", byName);
        document.put("summary", summary);
        String name = LocalDate.now() + "-" + mode.label();
        Path file = directory.resolve(name + ".json");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(name + "-" + n + ".json");
        }
        try {
            Files.createDirectories(directory);
            JSON.writeValue(file.toFile(), document);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The same code runs at different speeds on different days of a shared machine: the CPU model
     * and the load average at the start tell two result files' conditions apart.
     */
    private static Map<String, Object> machineNow() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        cpuModel().ifPresent(cpu -> machine.put("cpu", cpu));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            machine.put("load_average_1m_at_start", Math.round(load * 100) / 100.0);
        }
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return machine;
    }

    /** Linux's {@code model name} from {@code /proc/cpuinfo}; empty elsewhere. */
    static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .filter(model -> !model.isEmpty())
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
