package io.scenarioops.testharness;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.embedded.EmbeddedStack.Component;
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

/**
 * The extension behind {@link PipelineTest}: each embedded server is started at most once per test
 * JVM, on first use, and kept in the root context's store, which closes it when the JVM's tests
 * are done. Every {@link StackSlice} parameter gets a fresh topic prefix, bucket and schema on
 * those servers.
 */
public final class SharedStack implements ParameterResolver {
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
        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnv(Map.of());
        Path dataDir = null;
        for (Component component : wanted) {
            EmbeddedStack server = server(context.getRoot(), component);
            ScenarioOpsConfig filled = server.config();
            dataDir = filled.dataDir();
            config = switch (component) {
                case KAFKA -> config.withKafkaBootstrapServers(filled.kafkaBootstrapServers().orElseThrow());
                case OBJECT_STORE -> config.withS3Endpoint(filled.s3Endpoint().orElseThrow());
                case POSTGRES -> config.withPostgres(filled.pgUrl().orElseThrow(), filled.pgUser(), filled.pgPassword());
            };
        }
        if (dataDir == null) {
            throw new ParameterResolutionException("@PipelineTest without servers has no slice to give");
        }
        return StackSlice.create(config.withDataDir(dataDir), wanted, "slice" + SLICES.incrementAndGet());
    }

    private static Set<Component> components(ExtensionContext context) {
        Component[] declared = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), PipelineTest.class)
                .map(PipelineTest::value)
                .orElse(Component.values());
        Set<Component> wanted = EnumSet.noneOf(Component.class);
        wanted.addAll(Set.of(declared));
        return wanted;
    }

    /** One server per component, each in its own stack so that a JVM never starts one it does not use. */
    private static EmbeddedStack server(ExtensionContext root, Component component) {
        return root.getStore(NAMESPACE).getOrComputeIfAbsent(component,
                key -> EmbeddedStack.start(ScenarioOpsConfig.fromEnv(Map.of()).withDataDir(sharedDataDir(root)),
                        EnumSet.of(component)),
                EmbeddedStack.class);
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
