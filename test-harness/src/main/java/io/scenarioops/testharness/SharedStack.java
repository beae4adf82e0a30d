package io.scenarioops.testharness;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack.Component;
import io.scenarioops.testharness.ServerSource.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension behind {@link PipelineTest}: each server is started at most once per test JVM, on
 * first use, from the source {@link ServerChoice} picks once per JVM (embedded or containers, logged
 * with the reason), and kept in the root context's store, which closes it when the JVM's tests are
 * done. Every {@link StackSlice} parameter gets a fresh topic prefix, bucket and schema on those
 * servers.
 */
public final class SharedStack implements ParameterResolver {
    private static final Logger LOG = LoggerFactory.getLogger(SharedStack.class);
    private static final Namespace NAMESPACE = Namespace.create(SharedStack.class);
    private static final AtomicInteger SLICES = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StackSlice.class;
    }

    @Override
    public StackSlice resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // @BeforeEach and the test method share the method's context, so they get the same slice.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(StackSlice.class,
                key -> newSlice(context), StackSlice.class);
    }

    private static StackSlice newSlice(ExtensionContext context) {
        Set<Component> wanted = components(context);
        if (wanted.isEmpty()) {
            throw new ParameterResolutionException("@PipelineTest without servers has no slice to give");
        }
        ExtensionContext root = context.getRoot();
        ServerSource source = choice(root).source();
        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnv(Map.of()).withDataDir(sharedDataDir(root));
        for (Component component : wanted) {
            config = server(root, source, component).endpoint().applyTo(config);
        }
        return StackSlice.create(config, wanted, "slice" + SLICES.incrementAndGet(), source.keepsObjectsAsFiles());
    }

    /**
     * Decided and logged once per test JVM. A refusal (containers asked for, no Docker engine) is
     * kept too, so every test fails with it at once instead of probing again.
     */
    private static ServerChoice choice(ExtensionContext root) {
        Object decided = root.getStore(NAMESPACE).getOrComputeIfAbsent(ServerChoice.class, key -> {
            try {
                ServerChoice choice = ServerChoice.fromSystemProperties();
                LOG.info("integration tests run on {}", choice);
                return choice;
            } catch (IllegalStateException e) {
                LOG.error("integration tests cannot run: {}", e.getMessage());
                return e;
            }
        });
        if (decided instanceof IllegalStateException refusal) {
            throw new ParameterResolutionException(refusal.getMessage(), refusal);
        }
        return (ServerChoice) decided;
    }

    private static Set<Component> components(ExtensionContext context) {
        Component[] declared = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), PipelineTest.class)
                .map(PipelineTest::value)
                .orElse(Component.values());
        Set<Component> wanted = EnumSet.noneOf(Component.class);
        wanted.addAll(Set.of(declared));
        return wanted;
    }

    /** One server per component, started on first use, so that a JVM never starts one it does not use. */
    private static RunningServer server(ExtensionContext root, ServerSource source, Component component) {
        return root.getStore(NAMESPACE).getOrComputeIfAbsent(component,
                key -> source.start(component, sharedDataDir(root)), RunningServer.class);
    }

    /** Under the module's target/, one per JVM, so the S3 files of a slice can be found (and inspected). */
    private static Path sharedDataDir(ExtensionContext root) {
        return root.getStore(NAMESPACE).getOrComputeIfAbsent("dataDir", key -> {
            try {
                Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
                return Files.createTempDirectory(target, "shared-stack-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data dir under target/", e);
            }
        }, Path.class);
    }
}
