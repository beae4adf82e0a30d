package io.scenarioops.local.bench;

import java.util.ArrayList;
import java.util.List;

/** Repeated measurements of one figure; reported as median with min and max. */
record Samples(String name, String unit, List<Double> values) {
    Samples {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + ": no measurement");
        }
    }

    double median() {
        return percentile(50);
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        return sorted().get(values.size() - 1);
    }

    /** Nearest-rank percentile, the median interpolated for an even count. */
    double percentile(double p) {
        List<Double> sorted = sorted();
        if (p == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted;
    }
}
