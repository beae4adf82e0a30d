package io.scenarioops.testharness;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.embedded.EmbeddedStack.Component;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

/** The servers of {@code embedded-stack}, each in its own {@link EmbeddedStack} in this JVM. */
final class EmbeddedServers implements ServerSource {

    @Override
    public RunningServer start(Component component, Path dataDir) {
        EmbeddedStack stack = EmbeddedStack.start(ScenarioOpsConfig.fromEnv(Map.of()).withDataDir(dataDir),
                EnumSet.of(component));
        ScenarioOpsConfig filled = stack.config();
        ServerEndpoint endpoint = switch (component) {
            case KAFKA -> new ServerEndpoint.Kafka(filled.kafkaBootstrapServers().orElseThrow());
            case OBJECT_STORE -> new ServerEndpoint.ObjectStore(filled.s3Endpoint().orElseThrow());
            case POSTGRES -> new ServerEndpoint.Postgres(filled.pgUrl().orElseThrow(), filled.pgUser(),
                    filled.pgPassword());
        };
        return new RunningServer() {
            @Override
            public ServerEndpoint endpoint() {
                return endpoint;
            }

            @Override
            public void close() {
                stack.close();
            }
        };
    }

    @Override
    public boolean keepsObjectsAsFiles() {
        return true;
    }

    @Override
    public String toString() {
        return "the embedded stack";
    }
}
