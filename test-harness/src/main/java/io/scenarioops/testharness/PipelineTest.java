package io.scenarioops.testharness;

import io.scenarioops.embedded.EmbeddedStack.Component;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test on real servers: Kafka, the S3 endpoint and PostgreSQL are started once per
 * test JVM and shared by every class so annotated; each test takes its own {@link StackSlice} as a
 * parameter (topics, bucket and database schema of its own). They are the embedded stack's, or
 * Testcontainers' when a Docker engine answers or {@code -Pcontainers} asks for them
 * ({@link ServerChoice}).
 *
 * <p>A slice resolved in a {@code @BeforeAll} method belongs to the class (all its tests share
 * it); one resolved in a {@code @BeforeEach} or test method belongs to that test alone.
 *
 * <p>A test that stops a server to see an outage must not stop a shared one: it starts its own
 * instance of that server and takes the others from its slice.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SharedStack.class)
public @interface PipelineTest {

    /** The servers the tests need; only these are started (the first time any test asks for them). */
    Component[] value() default {Component.KAFKA, Component.OBJECT_STORE, Component.POSTGRES};
}
