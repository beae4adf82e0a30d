package io.scenarioops.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the bytes on the wire: the files under {@code wire/} are the encodings of the sample events
 * as version 1 consumers know them. A change to the records must keep encoding exactly these bytes
 * and reading them back into equal events.
 */
class WireFormatTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("scenario-requested.json", EventCodec.SCENARIO_REQUESTED, SampleEvents.requested()),
                Arguments.of("scenario-solved.json", EventCodec.SCENARIO_SOLVED, SampleEvents.solved()),
                Arguments.of("scenario-solved-failed.json", EventCodec.SCENARIO_SOLVED, SampleEvents.solvedFailed()),
                Arguments.of("scenario-published.json", EventCodec.SCENARIO_PUBLISHED, SampleEvents.published()),
                Arguments.of("scenario-published-failed.json", EventCodec.SCENARIO_PUBLISHED,
                        SampleEvents.publishedFailed()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    <T extends PipelineEvent> void encodesTheRecordedBytes(String file, EventCodec<T> codec, T event) {
        assertEquals(new String(wire(file), StandardCharsets.UTF_8),
                new String(codec.encode(event), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    <T extends PipelineEvent> void decodesTheRecordedBytesToAnEqualEvent(String file, EventCodec<T> codec, T event) {
        assertEquals(event, codec.decode(wire(file)));
    }

    private static byte[] wire(String file) {
        try (InputStream in = WireFormatTest.class.getResourceAsStream("/wire/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no wire sample wire/" + file + " on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
