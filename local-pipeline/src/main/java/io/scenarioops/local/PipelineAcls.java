package io.scenarioops.local;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ServiceRole;
import io.scenarioops.embedded.KafkaUsers;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.kafka.TopicAdmin;
import io.scenarioops.kafka.TransactionalStage;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.publisher.PublisherService;
import io.scenarioops.publisher.ScenarioPublisher;
import io.scenarioops.qc.QcService;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.solver.SolverService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of a pipeline whose every service has its own principal (README, Security): each gets
 * exactly what its stage reads and writes, its consumer group, and its transactional ids (prefixed,
 * since they carry instance names or run ids); all names after the topic prefix.
 *
 * <ul>
 * <li>run requester (the command line) and console: write {@code scenario-requested}; read it
 *     ({@code replay}), {@code scenario-solved}, {@code scenario-published}, {@code run-completed}
 *     ({@code run --wait}) and {@code scenario-dlq} ({@code dlq}), without a consumer group;
 *     transactional ids {@code scenarioops-<prefix>producer-*};</li>
 * <li>solver: read {@code scenario-requested}, write {@code scenario-solved} and
 *     {@code scenario-dlq}; group {@code <prefix>scenarioops-solver}; transactional ids
 *     {@code scenarioops-<prefix>solver-*};</li>
 * <li>publisher: read {@code scenario-solved}, write {@code scenario-published} and
 *     {@code scenario-dlq}; group {@code <prefix>scenarioops-publisher}; transactional ids
 *     {@code scenarioops-<prefix>publisher-*};</li>
 * <li>qc (Kafka Streams, application ids {@code <prefix>scenarioops-qc} and
 *     {@code <prefix>scenarioops-qc-checks}): read {@code scenario-requested} and
 *     {@code scenario-published}, write {@code run-completed} and {@code scenario-dlq}; groups
 *     {@code <prefix>scenarioops-qc} and {@code <prefix>scenarioops-qc-checks}; all operations on
 *     its topics {@code <prefix>scenarioops-qc-*} (the checks' output {@code scenarioops-qc-run-inputs},
 *     and the changelogs Streams creates, reads, writes and purges);
 *     transactional ids {@code <prefix>scenarioops-qc-*}.</li>
 * </ul>
 * Nobody but the super user may create the pipeline's topics, alter configurations or ACLs.
 */
final class PipelineAcls {
    private static final long TIMEOUT_SECONDS = 30;

    private PipelineAcls() {
    }

    /** The bindings for the principals {@code User:<name>} of {@link KafkaUsers}. */
    static List<AclBinding> bindings(String topicPrefix) {
        TopicCatalog topics = new TopicCatalog(topicPrefix);
        String requested = topics.scenarioRequested().name();
        String solved = topics.scenarioSolved().name();
        String published = topics.scenarioPublished().name();
        String completed = topics.runCompleted().name();
        String deadLetter = topics.deadLetter();
        Acls acls = new Acls();

        for (String runRequester : List.of(KafkaUsers.REQUESTER, ServiceRole.CONSOLE.id())) {
            acls.topic(runRequester, requested, AclOperation.WRITE);
            for (String followed : List.of(requested, solved, published, completed, deadLetter)) {
                acls.topic(runRequester, followed, AclOperation.READ);
            }
            acls.transactionalIds(runRequester, RunPublisher.transactionalIdPrefix(topicPrefix));
        }

        String solver = ServiceRole.SOLVER.id();
        acls.topic(solver, requested, AclOperation.READ);
        acls.topic(solver, solved, AclOperation.WRITE);
        acls.topic(solver, deadLetter, AclOperation.WRITE);
        acls.group(solver, topicPrefix + SolverService.GROUP_ID);
        acls.transactionalIds(solver, TransactionalStage.transactionalIdPrefix(topicPrefix, ScenarioSolver.STAGE));

        String publisher = ServiceRole.PUBLISHER.id();
        acls.topic(publisher, solved, AclOperation.READ);
        acls.topic(publisher, published, AclOperation.WRITE);
        acls.topic(publisher, deadLetter, AclOperation.WRITE);
        acls.group(publisher, topicPrefix + PublisherService.GROUP_ID);
        acls.transactionalIds(publisher,
                TransactionalStage.transactionalIdPrefix(topicPrefix, ScenarioPublisher.STAGE));

        String qc = ServiceRole.QC.id();
        String applicationId = topicPrefix + QcService.APPLICATION_ID;
        acls.topic(qc, requested, AclOperation.READ);
        acls.topic(qc, published, AclOperation.READ);
        acls.topic(qc, completed, AclOperation.WRITE);
        acls.topic(qc, deadLetter, AclOperation.WRITE);
        acls.group(qc, applicationId);
        acls.group(qc, topicPrefix + QcService.CHECKS_APPLICATION_ID);
        // Streams names its internal topics and (exactly_once_v2) its transactional ids <application id>-...
        acls.add(qc, new ResourcePattern(ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED),
                AclOperation.ALL);
        acls.transactionalIds(qc, applicationId + "-");
        return acls.bindings;
    }

    /**
     * Creates the pipeline's topics and grants the ACLs, as the super user {@code admin} is; both
     * are idempotent, so every start of the stack does it.
     */
    static void apply(KafkaSettings admin) {
        TopicAdmin.ensureTopics(admin);
        try (Admin client = Admin.create(KafkaClientProperties.admin(admin, "scenarioops-acls"))) {
            client.createAcls(bindings(admin.topicPrefix())).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot grant the pipeline's ACLs on " + admin.bootstrapServers()
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while granting the pipeline's ACLs", e);
        }
    }

    private static final class Acls {
        private final List<AclBinding> bindings = new ArrayList<>();

        void topic(String user, String topic, AclOperation operation) {
            add(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operation);
        }

        void group(String user, String group) {
            add(user, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), AclOperation.READ);
        }

        void transactionalIds(String user, String prefix) {
            add(user, new ResourcePattern(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED),
                    AclOperation.WRITE);
        }

        void add(String user, ResourcePattern resource, AclOperation operation) {
            bindings.add(new AclBinding(resource,
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
