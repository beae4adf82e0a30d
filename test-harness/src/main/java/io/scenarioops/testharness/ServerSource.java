package io.scenarioops.testharness;

import io.scenarioops.embedded.EmbeddedStack.Component;
import java.nio.file.Path;

/** Starts the servers integration tests share: in this JVM ({@link EmbeddedServers}) or in containers ({@link ContainerServers}). */
public interface ServerSource {

    /**
     * Starts one server whose clients use the default credentials of {@code ScenarioOpsConfig}.
     *
     * @param dataDir a directory of this test JVM, for servers that keep files
     */
    RunningServer start(Component component, Path dataDir);

    /**
     * Whether the object store keeps each object as the plain file {@code <data dir>/s3/<bucket>/<key>},
     * as the embedded one does.
     */
    boolean keepsObjectsAsFiles();

    /** A started server: where it answers; closing it stops it. */
    interface RunningServer extends AutoCloseable {
        ServerEndpoint endpoint();

        @Override
        void close();
    }
}
