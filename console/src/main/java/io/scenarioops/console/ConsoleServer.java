package io.scenarioops.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.scenarioops.core.TransientException;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.kafka.service.KafkaProbe;
import io.scenarioops.kafka.service.ReadinessCheck;
import io.scenarioops.kafka.service.Service;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.report.RunNotFoundException;
import io.scenarioops.runstore.RunStoreException;
import io.scenarioops.storage.ObjectStore;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console and its JSON API as a service: reads runs from PostgreSQL, publishes run
 * requests to Kafka through the producer. {@code service console} runs it against configured
 * servers, {@code console} beside the embedded stack and the other services.
 */
public final class ConsoleServer implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    /** A 10,000-scenario request in the scenarios-file format is about 1.5 MB. */
    private static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;

    private final ScenarioOpsConfig config;
    private final ConsoleSettings settings;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final KafkaProbe kafkaProbe;
    private RunStoreAccess runStore;
    private ObjectStore store;
    private RunReports reports;
    private Javalin app;

    public ConsoleServer(ScenarioOpsConfig config, ConsoleSettings settings) {
        this.config = config;
        this.settings = settings;
        this.kafkaProbe = new KafkaProbe(config.kafka(), "scenarioops-console-readiness");
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public synchronized void start() {
        runStore = new RunStoreAccess(config.postgres());
        RunCatalog catalog = new RunCatalog(runStore, new RunPublisher(config.kafka()), config::objectStore);
        RunsApi api = new RunsApi(catalog);
        store = new ObjectStore(config.objectStore());
        reports = new RunReports(store);
        ConsolePages pages = new ConsolePages(catalog, reports);
        app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.http.maxRequestSize = MAX_REQUEST_BYTES;
            javalin.jetty.host = settings.host();
            javalin.jetty.port = settings.port();
            javalin.routes.get("/", pages::runs);
            javalin.routes.get("/runs/new", pages::newRunForm);
            javalin.routes.post("/runs", pages::submitRun);
            javalin.routes.get("/runs/{id}", pages::run);
            javalin.routes.get("/runs/{id}/live", pages::runLive);
            javalin.routes.get("/runs/{id}/report.html", pages::reportDocument);
            javalin.routes.get("/runs/{id}/objects/<key>", pages::runObject);
            javalin.routes.get("/compare", pages::compare);
            javalin.routes.get("/api/runs", api::listRuns);
            javalin.routes.post("/api/runs", api::publishRun);
            javalin.routes.get("/api/runs/{id}", api::showRun);
            javalin.routes.exception(InvalidInputException.class,
                    (e, ctx) -> fail(ctx, HttpStatus.BAD_REQUEST, e.field(), e.getMessage()));
            javalin.routes.exception(RunNotFoundException.class,
                    (e, ctx) -> fail(ctx, HttpStatus.NOT_FOUND, null, e.getMessage()));
            javalin.routes.exception(RunStoreException.class,
                    (e, ctx) -> fail(ctx, HttpStatus.SERVICE_UNAVAILABLE, null, "run store: " + e.getMessage()));
            javalin.routes.exception(TransientException.class,
                    (e, ctx) -> fail(ctx, HttpStatus.SERVICE_UNAVAILABLE, null, e.getMessage()));
            javalin.routes.exception(KafkaException.class,
                    (e, ctx) -> fail(ctx, HttpStatus.SERVICE_UNAVAILABLE, null, "Kafka: " + e.getMessage()));
        });
        app.start();
        LOG.info("console at {}", url());
    }

    /** An error as the API's JSON, or as a page for the browser. */
    private static void fail(Context ctx, HttpStatus status, String field, String message) {
        if (status.getCode() >= 500) {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), message);
        }
        if (ctx.path().startsWith("/api/")) {
            RunsApi.error(ctx, status.getCode(), field, message);
        } else {
            ctx.status(status).html(Html.page("Error", "<h1>" + status.getCode() + " " + Html.escape(status.getMessage())
                    + "</h1><p class=\"error\">" + Html.escape(message) + "</p>"));
        }
    }

    /** The port bound (the configured one, or the one picked for port 0). */
    public int port() {
        return app.port();
    }

    public String url() {
        return settings.url(port());
    }

    @Override
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
        if (runStore != null) {
            runStore.close();
            runStore = null;
        }
        if (reports != null) {
            reports.close();
            reports = null;
            store = null;
        }
        kafkaProbe.close();
        stopped.countDown();
    }

    /** The console publishes runs to Kafka and reads them from the database and the bucket. */
    @Override
    public List<ReadinessCheck> readinessChecks() {
        return List.of(kafkaProbe.check(),
                new ReadinessCheck(ReadinessCheck.OBJECT_STORE,
                        () -> ReadinessCheck.started(store, name()).verifyReachable()),
                new ReadinessCheck(ReadinessCheck.DATABASE,
                        () -> ReadinessCheck.started(runStore, name()).verifyReachable()));
    }

    @Override
    public Throwable awaitTermination() throws InterruptedException {
        stopped.await();
        return null;
    }
}
