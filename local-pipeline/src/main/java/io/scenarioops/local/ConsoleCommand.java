package io.scenarioops.local;

import io.scenarioops.console.ConsoleServer;
import io.scenarioops.console.ConsoleSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.core.config.ServiceRole;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The web console beside every service and the embedded servers (those not configured), until Ctrl-C. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Start the embedded stack (what is not configured) and every service, as demo does, and serve"
                + " the web console and its JSON API (/api/runs) until SIGTERM (Ctrl-C).")
final class ConsoleCommand implements Callable<Integer> {
    @ParentCommand
    ScenarioOpsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--port", defaultValue = "" + ConsoleSettings.DEFAULT_PORT,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = ConsoleSettings.DEFAULT_HOST,
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--solvers", defaultValue = "2", description = "Solver instances in the group (default: ${DEFAULT-VALUE}).")
    int solvers;

    @Override
    public Integer call() throws InterruptedException {
        ConsoleSettings settings = new ConsoleSettings(host, port);
        ScenarioOpsConfig config = dataDir.applyTo(root.config());
        LocalPipeline pipeline = LocalPipeline.start(config, solvers);
        ConsoleServer console = new ConsoleServer(pipeline.config().asService(ServiceRole.CONSOLE), settings);
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            console.start();
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.stop();
            pipeline.close();
            stopped.countDown();
        }, "console-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("console at " + console.url() + " (data in " + pipeline.config().dataDir() + "); Ctrl-C stops it");
        out.flush();
        stopped.await();
        return 0;
    }
}
