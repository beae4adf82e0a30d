package io.scenarioops.local;

import io.scenarioops.core.config.KafkaClientEnvironment;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.core.config.ServiceRole;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.embedded.EmbeddedStack.KafkaAccess;
import io.scenarioops.embedded.KafkaUsers;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Only the servers, kept up until Ctrl-C, so services can run as separate processes against them. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start the embedded Kafka, S3 server and PostgreSQL and print the environment to reach them;"
                + " runs until SIGTERM (Ctrl-C).")
final class StackCommand implements Callable<Integer> {
    private static final String SASL_JAAS_CONFIG = "SASL_JAAS_CONFIG";

    @ParentCommand
    ScenarioOpsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--secure", description = "Kafka with SASL/PLAIN and ACLs: one principal per service and one"
            + " for run requests, each allowed only what it needs (README, Security); passwords generated once"
            + " per data dir.")
    boolean secure;

    @Override
    public Integer call() throws InterruptedException {
        ScenarioOpsConfig config = dataDir.applyTo(root.config());
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedStack stack = EmbeddedStack.start(config, EnumSet.allOf(EmbeddedStack.Component.class),
                secure ? KafkaAccess.SECURE : KafkaAccess.OPEN);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stack-shutdown"));
        ScenarioOpsConfig running = stack.config();
        if (secure) {
            PipelineAcls.apply(running.kafka());
        }
        PrintWriter out = spec.commandLine().getOut();
        exportLines(running, stack.kafkaUsers()).forEach(out::println);
        out.println("# data in " + running.dataDir() + "; Ctrl-C stops the servers");
        out.flush();
        stopped.await();
        return 0;
    }

    /** What a shell needs to reach the stack: {@code export NAME=VALUE}, values quoted where a shell needs it. */
    static List<String> exportLines(ScenarioOpsConfig running, Optional<KafkaUsers> kafkaUsers) {
        List<String> lines = new ArrayList<>();
        lines.add("export " + ScenarioOpsConfig.KAFKA_BOOTSTRAP_SERVERS + "=" + running.kafka().bootstrapServers());
        kafkaUsers.ifPresent(users -> lines.addAll(secureKafkaLines(running, users)));
        lines.add("export " + ScenarioOpsConfig.S3_ENDPOINT + "=" + running.objectStore().endpoint());
        lines.add("export " + ScenarioOpsConfig.S3_ACCESS_KEY + "=" + running.s3AccessKey());
        lines.add("export " + ScenarioOpsConfig.S3_SECRET_KEY + "=" + running.s3SecretKey());
        lines.add("export " + ScenarioOpsConfig.S3_BUCKET + "=" + running.s3Bucket());
        lines.add("export " + ScenarioOpsConfig.PG_URL + "=" + running.postgres().jdbcUrl());
        lines.add("export " + ScenarioOpsConfig.PG_USER + "=" + running.pgUser());
        lines.add("export " + ScenarioOpsConfig.PG_PASSWORD + "=" + running.pgPassword());
        return lines;
    }

    /**
     * The shared settings log in as the run requester (what the command line uses); each service's
     * own JAAS config, its principal, wins for that service. The super user's password stays in its file.
     */
    private static List<String> secureKafkaLines(ScenarioOpsConfig running, KafkaUsers users) {
        List<String> lines = new ArrayList<>();
        if (!running.topicPrefix().isEmpty()) {
            lines.add("export " + ScenarioOpsConfig.TOPIC_PREFIX + "=" + running.topicPrefix());
        }
        lines.add("export " + KafkaClientEnvironment.PREFIX + "SECURITY_PROTOCOL=" + KafkaUsers.SECURITY_PROTOCOL);
        lines.add("export " + KafkaClientEnvironment.PREFIX + "SASL_MECHANISM=" + KafkaUsers.MECHANISM);
        lines.add("export " + KafkaClientEnvironment.PREFIX + SASL_JAAS_CONFIG + "='"
                + users.jaasConfig(KafkaUsers.REQUESTER) + "'");
        for (ServiceRole role : ServiceRole.values()) {
            lines.add("export " + role.kafkaVariablePrefix() + SASL_JAAS_CONFIG + "='" + users.jaasConfig(role.id())
                    + "'");
        }
        lines.add("# the super user " + KafkaUsers.ADMIN + " (topics, ACLs): its password is in " + users.file());
        return lines;
    }
}
