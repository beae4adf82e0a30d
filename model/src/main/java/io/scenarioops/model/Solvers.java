package io.scenarioops.model;

import java.util.List;

/** The solvers a scenario can choose by name; {@link #DEFAULT} when it names none, so old runs keep their numbers. */
public final class Solvers {
    public static final Solver DEFAULT = ToySolver.INSTANCE;
    private static final List<Solver> ALL = List.of(ToySolver.INSTANCE, LpSolver.INSTANCE);

    /** Every solver's name, the default first. */
    public static final List<String> NAMES = ALL.stream().map(Solver::name).toList();

    private Solvers() {
    }

    /** The solver called {@code name}, or an {@link InvalidInputException} for {@code field}. */
    public static Solver named(String field, String name) {
        for (Solver solver : ALL) {
            if (solver.name().equals(name)) {
                return solver;
            }
        }
        throw new InvalidInputException(field, "must be one of " + String.join(", ", NAMES) + ", got "
                + (name == null ? "nothing" : PrintableText.quote(name)));
    }
}
