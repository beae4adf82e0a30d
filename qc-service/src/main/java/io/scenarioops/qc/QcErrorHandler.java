package io.scenarioops.qc;

import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.kafka.Failures;
import io.scenarioops.kafka.metrics.DeadLetterReason;
import io.scenarioops.kafka.metrics.StageMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Kafka Streams does with a record QC's own code did not dead-letter: an exception that
 * escaped a processor, or bytes an internal topic's serde cannot read. Transient failures (object
 * store or database unreachable) fail the task so that QcService waits and retries them; anything
 * else sends the record, as its sub-topology read it, to the dead-letter topic
 * ({@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG}) with QC's dead-letter
 * headers, and QC carries on with the next record.
 */
public final class QcErrorHandler implements ProcessingExceptionHandler, DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(QcErrorHandler.class);

    /** The property that hands this handler QC's {@link StageMetrics}; Kafka Streams passes it to {@link #configure}. */
    static final String METRICS_CONFIG = "scenarioops.qc.metrics";

    private String deadLetterTopic;
    private StageMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(METRICS_CONFIG) instanceof StageMetrics configured)) {
            throw new ConfigException(METRICS_CONFIG, configs.get(METRICS_CONFIG), "QC needs its stage metrics");
        }
        metrics = configured;
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (!(topic instanceof String name) || name.isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic,
                    "QC needs its dead-letter topic");
        }
        deadLetterTopic = name;
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        if (Failures.isTransient(exception)) {
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(deadLetter(context, exception, DeadLetterReason.ERROR));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return DeserializationExceptionHandler.Response.resume(deadLetter(context, exception,
                DeadLetterReason.INVALID_INPUT));
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, Exception exception,
            DeadLetterReason reason) {
        if (context.sourceRawValue() == null) {
            // a punctuation has no input record: there is nothing to dead-letter, only to report
            LOG.error("qc: {} failed in {}", context.processorNodeId(), context.taskId(), exception);
            return List.of();
        }
        LOG.error("qc: {}-{}@{} dead-lettered after {} failed", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception);
        metrics.deadLettered(reason, 1);
        return List.of(DeadLetters.of(deadLetterTopic, QcTopology.STAGE, SourceRecord.consumed(context.topic(),
                context.partition(), context.offset(), context.sourceRawKey(), context.sourceRawValue(),
                context.headers()), exception));
    }
}
