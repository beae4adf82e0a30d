package io.scenarioops.producer.cli;

import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.model.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The seed's {@code minio_smoketest} DAG: proves write access to the bucket. */
@Command(name = "smoketest", mixinStandardHelpOptions = true,
        description = "Write smoketest/dt=YYYY-MM-DD/hello.txt to the bucket (creating the bucket if missing).")
final class SmoketestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ScenarioOpsCommand root;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        String key = ObjectLayout.smoketestKey(Timestamps.dt(now));
        try (ObjectStore store = new ObjectStore(root.config().objectStore())) {
            store.ensureBucket();
            store.put(key, ("hello from scenarioops at " + Timestamps.utc(now) + "\n")
                    .getBytes(StandardCharsets.UTF_8), ObjectStore.TEXT);
            spec.commandLine().getOut().println("wrote s3://" + store.bucket() + "/" + key + " at "
                    + store.endpoint());
        }
        return Cli.EXIT_OK;
    }
}
