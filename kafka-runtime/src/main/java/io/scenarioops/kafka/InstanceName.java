package io.scenarioops.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * This process's stable name among the instances of a stage: {@value #ENV} if set, else the host
 * name. Stages derive their transactional ids from it, so a restarted instance takes over its
 * predecessor's id and fences it at once instead of leaving its open transaction to time out.
 */
public final class InstanceName {
    public static final String ENV = "INSTANCE_NAME";

    private InstanceName() {
    }

    public static String current() {
        return of(System.getenv(), InstanceName::hostName);
    }

    static String of(Map<String, String> env, Supplier<String> hostName) {
        String configured = env.get(ENV);
        return configured == null || configured.isBlank() ? hostName.get() : configured.strip();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host without a resolvable name is one instance on its own; its transactional ids stay stable.
            return "localhost";
        }
    }
}
