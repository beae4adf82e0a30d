package io.scenarioops.publisher;

import io.scenarioops.common.events.ScenarioPublished;
import io.scenarioops.common.events.ScenarioSolved;
import io.scenarioops.common.kafka.TopicCatalog;
import io.scenarioops.common.kafka.TopicCatalog.EventTopic;
import io.scenarioops.common.kafka.TransactionalStage.RecordHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Kafka side of the publisher: {@code scenario-solved} in, objects written, {@code scenario-published} out. */
final class PublisherHandler implements RecordHandler {
    private final EventTopic<ScenarioSolved> input;
    private final EventTopic<ScenarioPublished> output;
    private final ScenarioPublisher publisher;

    PublisherHandler(TopicCatalog topics, ScenarioPublisher publisher) {
        this.input = topics.scenarioSolved();
        this.output = topics.scenarioPublished();
        this.publisher = publisher;
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) {
        ScenarioPublished published = publisher.publish(input.codec().decode(record.value()));
        return List.of(new ProducerRecord<>(output.name(), published.key().getBytes(StandardCharsets.UTF_8),
                output.codec().encode(published)));
    }
}
