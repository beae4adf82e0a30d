package io.scenarioops.local.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What else the bench JVM did so far while a figure was measured, as its MXBeans count it.
 *
 * @param compileMillis time the JIT's compiler threads spent compiling, summed over them (elapsed,
 *     not CPU time), so it can exceed the wall time; 0 in a JVM without a JIT
 * @param gcMillis the collectors' accumulated collection time: G1's pauses, not its concurrent work
 */
record JvmActivity(long compileMillis, long gcMillis) {
    static JvmActivity now() {
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return new JvmActivity(jit == null ? 0 : jit.getTotalCompilationTime(), gc);
    }

    JvmActivity since(JvmActivity earlier) {
        return new JvmActivity(compileMillis - earlier.compileMillis, gcMillis - earlier.gcMillis);
    }
}
