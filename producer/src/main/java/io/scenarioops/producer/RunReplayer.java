package io.scenarioops.producer;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.events.TopicCatalog.EventTopic;
import io.scenarioops.model.Ids;
import io.scenarioops.model.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Re-publishes a run's original request events, unchanged (same event ids, same creation time),
 * so the pipeline recomputes the run: the publisher rewrites byte-identical artifacts, and QC,
 * which already has those events, neither duplicates rows nor completes the run a second time.
 */
public final class RunReplayer {
    private final KafkaSettings kafka;
    private final EventTopic<ScenarioRequested> topic;

    public RunReplayer(KafkaSettings kafka) {
        this.kafka = kafka;
        this.topic = new TopicCatalog(kafka.topicPrefix()).scenarioRequested();
    }

    /** @return the events re-published, in their original order per partition */
    public List<ScenarioRequested> replay(String runId) {
        Ids.requireValidId("run_id", runId);
        List<ScenarioRequested> events = find(runId);
        if (events.isEmpty()) {
            throw new InvalidInputException("run_id", "no scenario-requested events for run " + runId + " on "
                    + topic.name() + " at " + kafka.bootstrapServers()
                    + " (unknown run, or older than the topic's retention)");
        }
        new RunPublisher(kafka).publish(runId, events);
        return events;
    }

    /** The run's events on the request topic, from its beginning to its current end; each event id once. */
    List<ScenarioRequested> find(String runId) {
        Map<String, ScenarioRequested> byEventId = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicSnapshot.read(kafka, topic.name())) {
            ScenarioRequested event = decodeOrSkip(record.value());
            if (event != null && event.runId().equals(runId)) {
                byEventId.putIfAbsent(event.eventId(), event);
            }
        }
        return new ArrayList<>(byEventId.values());
    }

    private ScenarioRequested decodeOrSkip(byte[] value) {
        try {
            return topic.codec().decode(value);
        } catch (InvalidEventException e) {
            // the solver dead-letters unreadable requests; they belong to no run that can be replayed
            return null;
        }
    }
}
