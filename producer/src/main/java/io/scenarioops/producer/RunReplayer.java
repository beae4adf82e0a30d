package io.scenarioops.producer;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.events.EventCodec;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.events.TopicCatalog.EventTopic;
import io.scenarioops.model.Ids;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Re-publishes a run's original request events, unchanged (same event ids, same creation time),
 * so the pipeline recomputes the run: the publisher rewrites byte-identical artifacts, and QC,
 * which already has those events, neither duplicates rows nor completes the run a second time.
 * Records the pipeline refused (another request for a scenario, a mis-keyed one) are not replayed.
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

    /** The run's requests on the request topic, from its beginning to its current end, as {@link #accepted} selects. */
    List<ScenarioRequested> find(String runId) {
        return accepted(runId, TopicSnapshot.read(kafka, topic.name()), topic.codec());
    }

    /**
     * The run's requests as QC accepts them, from the topic's records in offset order per
     * partition: those of its latest request time (a later {@code run --run-id} supersedes the
     * earlier); of those, the ones with the date and scenario count of the first; of each scenario
     * the first one (a scenario's records share a key, so a partition); at most the scenario count.
     * A record that is unreadable, under another key, contradicts the run's first request or
     * requests a scenario again is left out: the solver or QC refused it, and a replay must not
     * publish it as the run's.
     */
    static List<ScenarioRequested> accepted(String runId, Iterable<ConsumerRecord<byte[], byte[]>> records,
            EventCodec<ScenarioRequested> codec) {
        Map<String, ScenarioRequested> byScenario = new LinkedHashMap<>();
        ScenarioRequested first = null;
        Instant latest = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ScenarioRequested event = decodeOrSkip(codec, record);
            if (event == null || !event.runId().equals(runId)) {
                continue;
            }
            Instant requestedAt = Timestamps.parseUtc(event.runCreatedAtUtc());
            if (latest == null || requestedAt.isAfter(latest)) {
                byScenario.clear();
                first = event;
                latest = requestedAt;
            } else if (requestedAt.isBefore(latest) || contradicts(event, first, byScenario)) {
                continue;
            }
            byScenario.putIfAbsent(event.scenarioId(), event);
        }
        return new ArrayList<>(byScenario.values());
    }

    /** A request of the latest time that QC refuses: another date or count than the first's, or past the count. */
    private static boolean contradicts(ScenarioRequested event, ScenarioRequested first,
            Map<String, ScenarioRequested> accepted) {
        boolean beyondCount = accepted.size() == first.scenarioCount() && !accepted.containsKey(event.scenarioId());
        return !event.dt().equals(first.dt()) || event.scenarioCount() != first.scenarioCount() || beyondCount;
    }

    private static ScenarioRequested decodeOrSkip(EventCodec<ScenarioRequested> codec,
            ConsumerRecord<byte[], byte[]> record) {
        try {
            return codec.decode(record.key(), record.value());
        } catch (InvalidEventException e) {
            // the solver dead-letters unreadable and mis-keyed requests; they belong to no run that can be replayed
            return null;
        }
    }
}
