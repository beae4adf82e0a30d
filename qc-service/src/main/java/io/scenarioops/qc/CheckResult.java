package io.scenarioops.qc;

/** One named quality check of one scenario: passed or not, and a detail a person can act on. */
public record CheckResult(String name, boolean passed, String detail) {
    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, true, detail);
    }

    public static CheckResult fail(String name, String detail) {
        return new CheckResult(name, false, detail);
    }
}
