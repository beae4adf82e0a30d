package io.scenarioops.kafka.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints of a service process, on one port:
 * <ul>
 *   <li>{@code /metrics}: every meter in the Prometheus text format;</li>
 *   <li>{@code /health}: liveness, 200 while the service runs, 503 once it has stopped;</li>
 *   <li>{@code /ready}: 200 when every {@link ReadinessCheck} holds, else 503 naming those that
 *       failed and why. Checks run side by side, each given {@link #CHECK_TIMEOUT}.</li>
 * </ul>
 * Bodies of {@code /health} and {@code /ready} are short JSON objects.
 *
 * <p>The JDK's own HTTP server: three GET endpoints need no web framework, and the services' images
 * stay free of one.
 */
public final class OpsServer implements AutoCloseable {
    public static final String METRICS_PATH = "/metrics";
    public static final String HEALTH_PATH = "/health";
    public static final String READY_PATH = "/ready";
    /** Well inside a health check's usual interval; a peer slower than this is not ready either. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(4);

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final ExecutorService checkThreads;
    private final PrometheusMeterRegistry registry;
    private final Supplier<List<ReadinessCheck>> checks;
    private final BooleanSupplier alive;

    private OpsServer(HttpServer server, PrometheusMeterRegistry registry, Supplier<List<ReadinessCheck>> checks,
            BooleanSupplier alive) {
        this.server = server;
        this.registry = registry;
        this.checks = checks;
        this.alive = alive;
        this.requestThreads = Executors.newFixedThreadPool(2, daemon("ops-http"));
        this.checkThreads = Executors.newCachedThreadPool(daemon("ops-readiness"));
        server.setExecutor(requestThreads);
        server.createContext(METRICS_PATH, exchange -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
        server.createContext(HEALTH_PATH, exchange -> health(exchange));
        server.createContext(READY_PATH, exchange -> ready(exchange));
    }

    /**
     * Serves the endpoints on {@code port} of every interface (0: any free port).
     *
     * @param checks the service's readiness checks, asked for on every {@code /ready}
     * @param alive  whether the service still runs
     */
    public static OpsServer start(int port, PrometheusMeterRegistry registry, Supplier<List<ReadinessCheck>> checks,
            BooleanSupplier alive) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics and health on port " + port, e);
        }
        OpsServer ops = new OpsServer(server, registry, checks, alive);
        server.start();
        LOG.info("metrics and health on port {}: {}, {}, {}", ops.port(), METRICS_PATH, HEALTH_PATH, READY_PATH);
        return ops;
    }

    /** The process's meters: the service's, plus the JVM's and the machine's as every service exports them. */
    public static PrometheusMeterRegistry processRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        requestThreads.shutdownNow();
        checkThreads.shutdownNow();
    }

    private void health(HttpExchange exchange) throws IOException {
        boolean up = alive.getAsBoolean();
        respondJson(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
    }

    private void ready(HttpExchange exchange) throws IOException {
        List<ReadinessCheck> all = checks.get();
        List<Future<?>> running = new ArrayList<>(all.size());
        for (ReadinessCheck check : all) {
            running.add(checkThreads.submit(() -> {
                check.probe().verify();
                return null;
            }));
        }
        long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
        Map<String, String> failed = new LinkedHashMap<>();
        if (!alive.getAsBoolean()) {
            failed.put("service", "stopped");
        }
        for (int i = 0; i < all.size(); i++) {
            String problem = problem(running.get(i), deadline);
            if (problem != null) {
                failed.put(all.get(i).name(), problem);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failed.isEmpty() ? "READY" : "NOT_READY");
        body.put("checks", all.stream().map(ReadinessCheck::name).toList());
        if (!failed.isEmpty()) {
            body.put("failed", failed);
        }
        respondJson(exchange, failed.isEmpty() ? 200 : 503, body);
    }

    /** Why the check failed, or null if it held in time. */
    private static String problem(Future<?> check, long deadlineNanos) {
        try {
            check.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            check.cancel(true);
            return "no answer within " + CHECK_TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof ExecutionException inner && inner.getCause() != null
                    ? inner.getCause() : e.getCause();
            return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void respondJson(HttpExchange exchange, int status, Object body) throws IOException {
        respond(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
