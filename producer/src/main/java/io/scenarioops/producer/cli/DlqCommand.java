package io.scenarioops.producer.cli;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.model.InvalidInputException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Prints what is on the dead-letter topic, oldest first, without joining a consumer group. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "List dead letters (scenario-dlq): time (UTC), stage, source topic/partition@offset, key,"
                + " reason and the first bytes of the value.")
final class DlqCommand implements Callable<Integer> {
    static final int DEFAULT_LIMIT = 50;
    static final int PREVIEW_CHARS = 80;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScenarioOpsCommand root;

    @Option(names = "--since", paramLabel = "DURATION",
            description = "Only dead letters written in the last DURATION: a whole number and s, m, h or d"
                    + " (15m, 2h, 7d). Default: the whole topic.")
    String since;

    @Option(names = "--stage", paramLabel = "S", description = "Only dead letters from this stage (solver, publisher, ...).")
    String stage;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "Print at most the N most recent (default: ${DEFAULT-VALUE}).")
    int limit;

    private final Clock clock;

    DlqCommand() {
        this(Clock.systemUTC());
    }

    DlqCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new InvalidInputException("--limit", "must be at least 1, got " + limit);
        }
        Optional<Instant> from = Optional.ofNullable(since).map(value -> clock.instant().minus(parseDuration(value)));
        KafkaSettings kafka = root.config().kafka();
        List<DeadLetter> deadLetters = new ArrayList<>();
        TopicSnapshot.forEach(kafka, new TopicCatalog(kafka.topicPrefix()).deadLetter(), from, record -> {
            DeadLetter deadLetter = DeadLetter.of(record);
            if (stage == null || stage.equals(deadLetter.stage())) {
                deadLetters.add(deadLetter);
            }
        });
        deadLetters.sort(Comparator.comparing(DeadLetter::time));
        PrintWriter out = spec.commandLine().getOut();
        if (deadLetters.isEmpty()) {
            out.println("no dead letters" + (stage == null ? "" : " from stage " + stage)
                    + (since == null ? "" : " in the last " + since));
            return Cli.EXIT_OK;
        }
        List<DeadLetter> shown = deadLetters.subList(Math.max(0, deadLetters.size() - limit), deadLetters.size());
        for (DeadLetter deadLetter : shown) {
            deadLetter.print(out);
        }
        out.println(shown.size() < deadLetters.size()
                ? "showing the " + shown.size() + " most recent of " + deadLetters.size() + " dead letters"
                : deadLetters.size() + " dead letter" + (deadLetters.size() == 1 ? "" : "s"));
        return Cli.EXIT_OK;
    }

    /** {@code 15m}, {@code 2h}, {@code 7d}, {@code 30s}. */
    static Duration parseDuration(String value) {
        Matcher matcher = DURATION.matcher(value.strip());
        if (!matcher.matches()) {
            throw new InvalidInputException("--since",
                    "must be a whole number followed by s, m, h or d (15m, 2h, 7d), got '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The first {@code maxChars} of the bytes, printable ASCII as is and everything else escaped. */
    static String preview(byte[] bytes, int maxChars) {
        if (bytes == null) {
            return "<null>";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            String shown = escaped(bytes[i]);
            if (text.length() + shown.length() > maxChars) {
                return text + "...";
            }
            text.append(shown);
        }
        return text.toString();
    }

    private static String escaped(byte b) {
        return switch (b) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            default -> b >= 0x20 && b < 0x7f ? Character.toString(b) : String.format("\\x%02x", b & 0xff);
        };
    }

    /** What is printed of one dead letter; the value is kept only as its preview. */
    private record DeadLetter(Instant time, String stage, String reason, String source, String key,
            String valuePreview, String valueSize) {
        static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
            Headers headers = record.headers();
            String originalBytes = DeadLetters.header(headers, DeadLetters.ORIGINAL_VALUE_BYTES);
            String valueSize = record.value() == null ? "no value"
                    : originalBytes == null ? record.value().length + " bytes"
                    : originalBytes + " bytes, only the first " + record.value().length + " kept";
            return new DeadLetter(Instant.ofEpochMilli(record.timestamp()), orUnknown(headers, DeadLetters.STAGE),
                    orUnknown(headers, DeadLetters.REASON).replaceAll("\\s*\\R\\s*", " "),
                    orUnknown(headers, DeadLetters.SOURCE_TOPIC) + "/" + orUnknown(headers, DeadLetters.SOURCE_PARTITION)
                            + "@" + orUnknown(headers, DeadLetters.SOURCE_OFFSET),
                    preview(record.key(), PREVIEW_CHARS), preview(record.value(), PREVIEW_CHARS), valueSize);
        }

        void print(PrintWriter out) {
            out.println(time + "  " + stage + "  " + source);
            out.println("  key:    " + key);
            out.println("  reason: " + reason);
            out.println("  value:  " + valuePreview + "  (" + valueSize + ")");
            out.println();
        }

        private static String orUnknown(Headers headers, String name) {
            String value = DeadLetters.header(headers, name);
            return value == null ? "?" : value;
        }
    }
}
