package io.scenarioops.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's {@code baseline_summary.json}. Period keys are strings, as JSON object keys are in
 * the seed's file.
 */
public record BaselineSummary(
        Map<String, Map<String, Double>> capacityByLine,
        List<String> lines,
        List<String> orders,
        List<Integer> periods,
        List<String> sites,
        Map<String, Double> totalCapacityByPeriod,
        Map<String, Double> totalDemandByPeriod) {

    /** Summarises a baseline that already has its knobs applied, as the seed did. */
    public static BaselineSummary of(Baseline knobApplied) {
        List<Integer> periods = knobApplied.periods();
        double[][] demand = knobApplied.demand();
        double[][] capacity = knobApplied.capacity();

        Map<String, Double> totalDemand = new LinkedHashMap<>();
        Map<String, Double> totalCapacity = new LinkedHashMap<>();
        for (int t = 0; t < periods.size(); t++) {
            double demandSum = 0.0;
            for (double[] orderDemand : demand) {
                demandSum += orderDemand[t];
            }
            double capacitySum = 0.0;
            for (double[] lineCapacity : capacity) {
                capacitySum += lineCapacity[t];
            }
            String key = String.valueOf(periods.get(t));
            totalDemand.put(key, PyMath.round(demandSum, 2));
            totalCapacity.put(key, PyMath.round(capacitySum, 2));
        }

        Map<String, Map<String, Double>> capacityByLine = new LinkedHashMap<>();
        for (int l = 0; l < knobApplied.lines().size(); l++) {
            Map<String, Double> byPeriod = new LinkedHashMap<>();
            for (int t = 0; t < periods.size(); t++) {
                byPeriod.put(String.valueOf(periods.get(t)), capacity[l][t]);
            }
            capacityByLine.put(knobApplied.lines().get(l), Collections.unmodifiableMap(byPeriod));
        }

        return new BaselineSummary(
                Collections.unmodifiableMap(capacityByLine),
                knobApplied.lines(),
                knobApplied.orders(),
                periods,
                knobApplied.sites(),
                Collections.unmodifiableMap(totalCapacity),
                Collections.unmodifiableMap(totalDemand));
    }
}
