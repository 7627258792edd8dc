package org.cpe.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cpe.aws.AwsClientFactory;
import org.cpe.client.ClientDefinition;
import org.cpe.config.AwsSettings;
import org.cpe.config.EmbeddedSqsSettings;
import org.cpe.embedded.sqs.EmbeddedQueues;
import org.cpe.embedded.sqs.EmbeddedSqsServer;
import org.cpe.swf.client.EmbeddedSwfClient;
import org.cpe.swf.engine.EngineOptions;
import org.cpe.swf.engine.SwfEngine;
import org.cpe.swf.store.JdbcSwfStore;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The services a loop test runs against, as the all-in-one server has them: the SWF engine on a durable H2 file in
 * the same process, ElasticMQ over HTTP on a random port with the clients' queues and a dead-letter queue, and the
 * real SDK clients to both, with the domain {@value #DOMAIN} registered.
 */
public final class EmbeddedServices implements AutoCloseable {

    public static final String DOMAIN = "cpe";

    public final SwfClient swf;
    public final SqsClient sqs;
    private final JdbcSwfStore store;
    private final SwfEngine engine;
    private final EmbeddedSqsServer sqsServer;

    private EmbeddedServices(JdbcSwfStore store, SwfEngine engine, EmbeddedSqsServer sqsServer) {
        this.store = store;
        this.engine = engine;
        this.sqsServer = sqsServer;
        this.swf = new EmbeddedSwfClient(engine);
        this.sqs = AwsClientFactory.sqs(sqsServer.endpoint(), new AwsSettings("us-east-1", "cpe-local", "cpe-local"));
    }

    /** @param pollTimeout how long an SWF poll waits for a task (short, so that stopping tests end quickly) */
    public static EmbeddedServices start(
            Path dir, String deadLetterQueue, List<ClientDefinition> clients, Duration pollTimeout) throws Exception {
        JdbcSwfStore store = JdbcSwfStore.open("jdbc:h2:file:" + dir.resolve("swf/swf"), null, null);
        SwfEngine engine = SwfEngine.start(store, EngineOptions.defaults().withPollTimeout(pollTimeout));
        EmbeddedSqsServer sqsServer = EmbeddedSqsServer.start(
                new EmbeddedSqsSettings("127.0.0.1", 0, false, 5),
                dir,
                new EmbeddedQueues(deadLetterQueue, clients, 5));
        EmbeddedServices services = new EmbeddedServices(store, engine, sqsServer);
        services.swf.registerDomain(r -> r.name(DOMAIN).workflowExecutionRetentionPeriodInDays("1"));
        return services;
    }

    /** Registers a workflow type whose decision tasks go to {@code decisions}, with a start-to-close of an hour. */
    public void registerWorkflowType(String name, String version, String decisions) {
        swf.registerWorkflowType(r -> r.domain(DOMAIN)
                .name(name)
                .version(version)
                .defaultTaskList(t -> t.name(decisions))
                .defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("30")
                .defaultChildPolicy("TERMINATE"));
    }

    public String url(String queue) {
        return sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
    }

    @Override
    public void close() throws Exception {
        sqs.close();
        sqsServer.close();
        engine.close();
        store.close();
    }
}
