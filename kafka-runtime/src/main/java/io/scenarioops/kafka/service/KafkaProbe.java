package io.scenarioops.kafka.service;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.kafka.KafkaClientProperties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the Kafka cluster answers: a metadata request through an admin client of its own (a
 * stage's consumer and producer belong to the stage's thread). Opened on the first check; close it
 * with the service.
 */
public final class KafkaProbe implements ReadinessCheck.Probe, AutoCloseable {
    private static final int TIMEOUT_MS = 3_000;

    private final KafkaSettings kafka;
    private final String clientId;
    private Admin admin;
    private boolean closed;

    public KafkaProbe(KafkaSettings kafka, String clientId) {
        this.kafka = kafka;
        this.clientId = clientId;
    }

    public ReadinessCheck check() {
        return new ReadinessCheck(ReadinessCheck.KAFKA, this);
    }

    @Override
    public void verify() throws Exception {
        admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).clusterId()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("the service is stopped");
        }
        if (admin == null) {
            admin = Admin.create(KafkaClientProperties.admin(kafka, clientId));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
