package io.scenarioops.qc;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.model.Baseline;
import io.scenarioops.model.BaselineSummary;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.DeliveryRow;
import io.scenarioops.model.InventoryRow;
import io.scenarioops.model.LineProductionRow;
import io.scenarioops.model.LpSolveResult;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.ProductionRow;
import io.scenarioops.model.ScenarioSpec;
import io.scenarioops.events.schema.JsonSchemas;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.ObjectLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A published scenario's objects as read back from the store: raw bytes for integrity and schema
 * checks, typed values (where they bind) for reconciliation. Every key read is derived from the
 * event's run, dt and scenario ids ({@link ObjectLayout}), never taken from the event or the
 * manifest, so a scenario can only be checked against its own objects.
 */
final class ScenarioArtifactsRead {
    private static final Map<String, String> TOY_ARTIFACTS = requiredArtifacts(false);
    private static final Map<String, String> LP_ARTIFACTS = requiredArtifacts(true);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // read the artifact as written: "12.5" is not a number and 0.5 is not period 0, so a
            // schema-invalid value makes the artifact unreadable instead of being coerced into KPIs
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // one document per artifact, as the schema check demands: trailing text makes it unreadable
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // an lp-v1 plan's tables hold hundreds of thousands of numbers: jackson-core's bundled
            // FastDoubleParser reads them correctly rounded, without the JDK's allocating FloatingDecimal
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    final ScenarioPublished event;
    /** Whether lp-v1 made the scenario: its tables, not the toy's. */
    final boolean lp;
    /** The artifacts the scenario must have, by name below its prefix, with their schemas. */
    final Map<String, String> required;
    /** The scenario's own prefix and manifest key, as the layout derives them from its ids. */
    final String prefix;
    final String manifestKey;
    final Optional<byte[]> manifestBytes;
    final Optional<Manifest> manifest;
    /** Present artifacts by name; a missing one is absent. */
    final Map<String, byte[]> artifacts;
    /** The baseline files the scenario may name, read from the same source. */
    final BaselineFiles baselineFiles;
    /** Typed values by artifact and type: the gates read the same tables and KPIs several times. */
    private final Map<String, Optional<?>> values = new HashMap<>();
    private Baseline instance;
    private InvalidInputException instanceRefusal;

    private ScenarioArtifactsRead(ScenarioPublished event, String prefix, String manifestKey,
            Optional<byte[]> manifestBytes, Optional<Manifest> manifest, Map<String, byte[]> artifacts,
            BaselineFiles baselineFiles) {
        this.event = event;
        this.lp = isLp(event);
        this.required = lp ? LP_ARTIFACTS : TOY_ARTIFACTS;
        this.prefix = prefix;
        this.manifestKey = manifestKey;
        this.manifestBytes = manifestBytes;
        this.manifest = manifest;
        this.artifacts = artifacts;
        this.baselineFiles = baselineFiles;
    }

    static ScenarioArtifactsRead read(ScenarioPublished event, ArtifactSource source) {
        String prefix = ObjectLayout.scenarioPrefix(event.dt(), event.runId(), event.scenarioId());
        String manifestKey = ObjectLayout.manifestKey(event.dt(), event.runId(), event.scenarioId());
        List<String> keys = new ArrayList<>();
        keys.add(manifestKey);
        Map<String, String> required = isLp(event) ? LP_ARTIFACTS : TOY_ARTIFACTS;
        required.keySet().forEach(name -> keys.add(prefix + name));
        Map<String, Optional<byte[]>> objects = source.getAll(keys);
        Optional<byte[]> manifestBytes = objects.get(manifestKey);
        Optional<Manifest> manifest = manifestBytes.flatMap(bytes -> parse(bytes, Manifest.class));
        Map<String, byte[]> artifacts = new LinkedHashMap<>();
        for (String name : required.keySet()) {
            objects.get(prefix + name).ifPresent(bytes -> artifacts.put(name, bytes));
        }
        return new ScenarioArtifactsRead(event, prefix, manifestKey, manifestBytes, manifest, artifacts,
                new BaselineFiles(source::get));
    }

    /**
     * The instance the scenario was solved on, knobs applied: regenerated from the seed and size,
     * or the baseline file the event names. Built once; a refusal is remembered and thrown again.
     */
    Baseline instance() {
        if (instance == null && instanceRefusal == null) {
            try {
                instance = event.knobs().applyTo(event.inputs().instance(event.seed(), baselineFiles::read));
            } catch (InvalidInputException e) {
                instanceRefusal = e;
            }
        }
        if (instanceRefusal != null) {
            throw instanceRefusal;
        }
        return instance;
    }

    Optional<KpiTotal> kpiTotal() {
        return parsed(ObjectLayout.KPI_TOTAL, KpiTotal.class);
    }

    Optional<KpiCostBreakdown> kpiCostBreakdown() {
        return parsed(ObjectLayout.KPI_COST_BREAKDOWN, KpiCostBreakdown.class);
    }

    Optional<BaselineSummary> baselineSummary() {
        return parsed(ObjectLayout.BASELINE_SUMMARY, BaselineSummary.class);
    }

    Optional<ScenarioSpec> scenarioSpec() {
        return parsed(ObjectLayout.SCENARIO_SPEC, ScenarioSpec.class);
    }

    /** toy-v1's rows. */
    Optional<List<ProductionRow>> factProduction() {
        return parsedList(ObjectLayout.FACT_PRODUCTION, new TypeReference<List<ProductionRow>>() { });
    }

    /** lp-v1's tables and KPIs, when every one of them reads. */
    Optional<LpSolveResult> lpPlan() {
        Optional<List<LineProductionRow>> production =
                parsedList(ObjectLayout.FACT_PRODUCTION, new TypeReference<List<LineProductionRow>>() { });
        Optional<List<DeliveryRow>> deliveries =
                parsedList(ObjectLayout.FACT_DELIVERY, new TypeReference<List<DeliveryRow>>() { });
        Optional<List<InventoryRow>> inventory =
                parsedList(ObjectLayout.FACT_INVENTORY, new TypeReference<List<InventoryRow>>() { });
        Optional<KpiTotal> total = kpiTotal();
        Optional<KpiCostBreakdown> breakdown = kpiCostBreakdown();
        if (production.isEmpty() || deliveries.isEmpty() || inventory.isEmpty() || total.isEmpty()
                || breakdown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LpSolveResult(production.get(), deliveries.get(), inventory.get(), total.get(),
                breakdown.get()));
    }

    private <T> Optional<T> parsedList(String name, TypeReference<T> type) {
        return typed(name, MAPPER.getTypeFactory().constructType(type));
    }

    /**
     * The artifact read from its bytes as a type, once per artifact and type however many gates
     * read it; empty when it is missing or does not bind. No tree in between: an lp-v1 plan's
     * tables are megabytes, and QC's schema check parses the text into the validator's own tree.
     */
    @SuppressWarnings("unchecked")
    private <T> Optional<T> typed(String name, JavaType type) {
        return (Optional<T>) values.computeIfAbsent(name + " as " + type.toCanonical(), key -> {
            byte[] bytes = artifacts.get(name);
            if (bytes == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(MAPPER.readValue(bytes, type));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean isLp(ScenarioPublished event) {
        return event.solver().name().equals(LpSolver.COMPONENT.name());
    }

    private <T> Optional<T> parsed(String name, Class<T> type) {
        return typed(name, MAPPER.constructType(type));
    }

    private static <T> Optional<T> parse(byte[] bytes, Class<T> type) {
        try {
            return Optional.of(MAPPER.readValue(bytes, type));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> requiredArtifacts(boolean lp) {
        Map<String, String> required = new LinkedHashMap<>();
        required.put(ObjectLayout.SCENARIO_SPEC, JsonSchemas.SCENARIO_SPEC);
        required.put(ObjectLayout.BASELINE_SUMMARY, JsonSchemas.BASELINE_SUMMARY);
        required.put(ObjectLayout.FACT_PRODUCTION, lp ? JsonSchemas.LP_FACT_PRODUCTION : JsonSchemas.FACT_PRODUCTION);
        required.put(ObjectLayout.KPI_TOTAL, JsonSchemas.KPI_TOTAL);
        required.put(ObjectLayout.KPI_COST_BREAKDOWN, JsonSchemas.KPI_COST_BREAKDOWN);
        if (lp) {
            required.put(ObjectLayout.FACT_DELIVERY, JsonSchemas.FACT_DELIVERY);
            required.put(ObjectLayout.FACT_INVENTORY, JsonSchemas.FACT_INVENTORY);
        }
        return java.util.Collections.unmodifiableMap(required);
    }
}
