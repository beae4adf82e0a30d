package io.scenarioops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.InvalidConfigurationException;
import io.scenarioops.core.config.KafkaSettings;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {
    private static final KafkaSettings SECURED = new KafkaSettings("kafka:9092", "p.").withClientProperties(Map.of(
            "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "linger.ms", "50"));

    @Test
    void everyKindOfClientGetsTheEnvironmentsSettings() {
        Properties streamsOwn = new Properties();
        streamsOwn.put("application.id", "p.scenarioops-qc");
        for (Properties props : List.of(KafkaClientProperties.admin(SECURED, "admin"),
                KafkaClientProperties.transactionalProducer(SECURED, "tx"),
                KafkaClientProperties.readCommittedConsumer(SECURED, "group", "client", 10),
                KafkaClientProperties.readCommittedReader(SECURED, "client", 10),
                KafkaClientProperties.streams(SECURED, streamsOwn))) {
            assertEquals("SASL_PLAINTEXT", props.get("security.protocol"), props.toString());
            assertEquals("PLAIN", props.get("sasl.mechanism"), props.toString());
            assertEquals("kafka:9092", props.get("bootstrap.servers"), props.toString());
        }
    }

    @Test
    void theEnvironmentWinsOverTuningAndTheGuaranteesStay() {
        Properties producer = KafkaClientProperties.transactionalProducer(SECURED, "tx");
        assertEquals("50", producer.get("linger.ms"));
        assertEquals("true", producer.get("enable.idempotence"));
        assertEquals("all", producer.get("acks"));
        assertEquals("tx", producer.get("transactional.id"));
        assertEquals("read_committed",
                KafkaClientProperties.readCommittedReader(SECURED, "client", 10).get("isolation.level"));
    }

    @Test
    void groupMembersWaitAtMostATenthOfASecondForRecordsUnlessTheEnvironmentSaysOtherwise() {
        KafkaSettings plain = new KafkaSettings("kafka:9092", "p.");
        assertEquals("100", KafkaClientProperties.readCommittedConsumer(plain, "group", "client", 10)
                .get("fetch.max.wait.ms"));
        KafkaSettings patient = plain.withClientProperties(Map.of("fetch.max.wait.ms", "500"));
        assertEquals("500", KafkaClientProperties.readCommittedConsumer(patient, "group", "client", 10)
                .get("fetch.max.wait.ms"));
    }

    @Test
    void clientsRegisterNoMetricsMBeansUnlessTheEnvironmentAsksForJmx() throws Exception {
        KafkaSettings plain = new KafkaSettings("127.0.0.1:9", "p.");
        assertEquals(Set.of(), metricsMBeansOfAConsumerBuiltWith(plain, "no-jmx"));

        KafkaSettings withJmx = plain.withClientProperties(
                Map.of("metric.reporters", "org.apache.kafka.common.metrics.JmxReporter"));
        assertTrue(metricsMBeansOfAConsumerBuiltWith(withJmx, "jmx")
                .contains(new ObjectName("kafka.consumer:type=consumer-metrics,client-id=jmx")));
    }

    @Test
    void aStreamsApplicationsOwnMetricReportersWinOverTheDefault() {
        Properties streamsOwn = new Properties();
        streamsOwn.put("metric.reporters", "org.apache.kafka.common.metrics.JmxReporter");
        assertEquals("org.apache.kafka.common.metrics.JmxReporter",
                KafkaClientProperties.streams(new KafkaSettings("kafka:9092", "p."), streamsOwn).get("metric.reporters"));
    }

    /**
     * The MBeans of the consumer's metrics (every one is named by its client-id; the app-info MBean
     * Kafka registers whatever the reporters is not), while it is open; it never contacts the broker.
     */
    private static Set<ObjectName> metricsMBeansOfAConsumerBuiltWith(KafkaSettings kafka, String clientId)
            throws Exception {
        ObjectName metrics = new ObjectName("kafka.consumer:client-id=" + clientId + ",*");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProperties.readCommittedReader(kafka, clientId, 10))) {
            return ManagementFactory.getPlatformMBeanServer().queryNames(metrics, null);
        }
    }

    @Test
    void settingsBuiltInCodeCannotBypassTheGuaranteesEither() {
        assertThrows(InvalidConfigurationException.class,
                () -> SECURED.withClientProperties(Map.of("isolation.level", "read_uncommitted")));
    }
}
