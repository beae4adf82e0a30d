package io.scenarioops.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The service processes a long test runs beside its stack: started together, and killed together,
 * also when the test JVM is ended from outside (surefire's timeout, Ctrl-C), so that no service
 * outlives the test.
 */
final class ServiceProcesses {
    private final List<ServiceProcess> processes = new ArrayList<>();

    /** @param name the shutdown hook's thread name, to tell whose children it kills */
    ServiceProcesses(String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, name));
    }

    void add(ServiceProcess process) {
        processes.add(process);
    }

    List<ServiceProcess> list() {
        return Collections.unmodifiableList(processes);
    }

    void startAll() {
        processes.forEach(ServiceProcess::start);
    }

    /** Kills every process; the first that will not die is rethrown once the others are killed too. */
    synchronized void close() {
        RuntimeException first = null;
        for (ServiceProcess process : processes) {
            try {
                process.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
