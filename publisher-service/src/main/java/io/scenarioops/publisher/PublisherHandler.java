package io.scenarioops.publisher;

import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.events.TopicCatalog.EventTopic;
import io.scenarioops.kafka.TransactionalStage.RecordHandler;
import io.scenarioops.storage.BucketCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Kafka side of the publisher: {@code scenario-solved} in, objects written, {@code scenario-published} out. */
final class PublisherHandler implements RecordHandler {
    private final EventTopic<ScenarioSolved> input;
    private final EventTopic<ScenarioPublished> output;
    private final ScenarioPublisher publisher;
    private final BucketCheck bucket;

    PublisherHandler(TopicCatalog topics, ScenarioPublisher publisher, BucketCheck bucket) {
        this.input = topics.scenarioSolved();
        this.output = topics.scenarioPublished();
        this.publisher = publisher;
        this.bucket = bucket;
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) {
        ScenarioSolved solved = input.codec().decode(record.key(), record.value());
        bucket.ensure();
        return List.of(publishedRecord(publisher.publish(solved)));
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> onPermanentFailure(ConsumerRecord<byte[], byte[]> record,
            Exception error) {
        try {
            ScenarioSolved solved = input.codec().decode(record.key(), record.value());
            return List.of(publishedRecord(publisher.failed(solved, DeadLetters.describe(error))));
        } catch (InvalidEventException unreadable) {
            return List.of();
        }
    }

    private ProducerRecord<byte[], byte[]> publishedRecord(ScenarioPublished published) {
        return new ProducerRecord<>(output.name(), published.key().getBytes(StandardCharsets.UTF_8),
                output.codec().encode(published));
    }
}
