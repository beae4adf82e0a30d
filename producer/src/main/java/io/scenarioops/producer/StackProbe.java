package io.scenarioops.producer;

import io.scenarioops.core.config.Redaction;
import io.scenarioops.core.config.MissingConfigurationException;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.storage.ObjectStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/** The seed's {@code hello_scenario_planning} DAG as a check: does each part of the stack answer? */
public final class StackProbe {
    private static final int TIMEOUT_SECONDS = 5;

    /** One component's answer; {@code detail} says what answered or why not. */
    public record Result(String component, boolean ok, String detail) {
    }

    private StackProbe() {
    }

    public static List<Result> checkAll(ScenarioOpsConfig config) {
        return List.of(kafka(config), objectStore(config), postgres(config));
    }

    static Result kafka(ScenarioOpsConfig config) {
        return probe("kafka", () -> config.kafka().bootstrapServers(), () -> {
            Properties props = KafkaClientProperties.admin(config.kafka(), "scenarioops-check");
            props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(TIMEOUT_SECONDS * 1000));
            props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(TIMEOUT_SECONDS * 1000));
            try (Admin admin = Admin.create(props)) {
                DescribeClusterResult cluster = admin.describeCluster();
                int brokers = cluster.nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
                return config.kafka().bootstrapServers() + ": cluster " + cluster.clusterId().get(TIMEOUT_SECONDS,
                        TimeUnit.SECONDS) + ", " + brokers + " broker(s)";
            }
        });
    }

    static Result objectStore(ScenarioOpsConfig config) {
        return probe("object store", () -> config.objectStore().endpoint(), () -> {
            try (ObjectStore store = new ObjectStore(config.objectStore())) {
                if (!store.bucketExists()) {
                    return store.endpoint() + ": answers; bucket " + store.bucket()
                            + " does not exist yet (the publisher or smoketest creates it)";
                }
                return store.endpoint() + ": bucket " + store.bucket() + " answers ("
                        + store.list("smoketest/").size() + " smoketest object(s))";
            }
        });
    }

    static Result postgres(ScenarioOpsConfig config) {
        return probe("postgres", () -> config.postgres().jdbcUrl(), () -> {
            DriverManager.setLoginTimeout(TIMEOUT_SECONDS);
            try (Connection connection = DriverManager.getConnection(config.postgres().jdbcUrl(),
                    config.postgres().user(), config.postgres().password());
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select version()")) {
                rs.next();
                return Redaction.url(config.postgres().jdbcUrl()) + ": " + rs.getString(1).split(" on ")[0];
            }
        });
    }

    /** Runs {@code check}; a failure names the endpoint (credentials masked, in the message too). */
    private static Result probe(String component, Supplier<String> endpoint, Check check) {
        try {
            return new Result(component, true, check.run());
        } catch (MissingConfigurationException e) {
            return new Result(component, false, "not configured: set " + e.variable());
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String url = endpoint.get();
            String why = root.getMessage() != null ? ": " + Redaction.within(root.getMessage(), url)
                    : root instanceof TimeoutException ? " (no answer within " + TIMEOUT_SECONDS + " s)" : "";
            return new Result(component, false, Redaction.url(url) + ": " + root.getClass().getSimpleName() + why);
        }
    }

    @FunctionalInterface
    private interface Check {
        String run() throws Exception;
    }
}
