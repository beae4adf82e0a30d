package io.scenarioops.local.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The bench JVM's compiler and collector time so far: what else ran on the two cores while a
 * figure was measured. Both are totals over all threads, so they can exceed the wall time.
 */
record JvmActivity(long compileMillis, long gcMillis) {
    static JvmActivity now() {
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        return new JvmActivity(ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), gc);
    }

    JvmActivity since(JvmActivity earlier) {
        return new JvmActivity(compileMillis - earlier.compileMillis, gcMillis - earlier.gcMillis);
    }
}
