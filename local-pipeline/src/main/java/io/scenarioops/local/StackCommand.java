package io.scenarioops.local;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import io.scenarioops.embedded.EmbeddedStack;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Only the servers, kept up until Ctrl-C, so services can run as separate processes against them. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start the embedded Kafka, S3 server and PostgreSQL and print the environment to reach them;"
                + " runs until SIGTERM (Ctrl-C).")
final class StackCommand implements Callable<Integer> {
    @ParentCommand
    ScenarioOpsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws InterruptedException {
        ScenarioOpsConfig config = dataDir.applyTo(root.config());
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedStack stack = EmbeddedStack.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stack-shutdown"));
        ScenarioOpsConfig running = stack.config();
        PrintWriter out = spec.commandLine().getOut();
        out.println("export " + ScenarioOpsConfig.KAFKA_BOOTSTRAP_SERVERS + "=" + running.kafka().bootstrapServers());
        out.println("export " + ScenarioOpsConfig.S3_ENDPOINT + "=" + running.objectStore().endpoint());
        out.println("export " + ScenarioOpsConfig.S3_ACCESS_KEY + "=" + running.s3AccessKey());
        out.println("export " + ScenarioOpsConfig.S3_SECRET_KEY + "=" + running.s3SecretKey());
        out.println("export " + ScenarioOpsConfig.S3_BUCKET + "=" + running.s3Bucket());
        out.println("export " + ScenarioOpsConfig.PG_URL + "=" + running.postgres().jdbcUrl());
        out.println("export " + ScenarioOpsConfig.PG_USER + "=" + running.pgUser());
        out.println("export " + ScenarioOpsConfig.PG_PASSWORD + "=" + running.pgPassword());
        out.println("# data in " + running.dataDir() + "; Ctrl-C stops the servers");
        out.flush();
        stopped.await();
        return 0;
    }
}
