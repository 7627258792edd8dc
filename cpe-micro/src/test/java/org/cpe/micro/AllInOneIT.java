package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The all-in-one WAR on Payara Micro with its default roles: every role runs, and the embedded SQS serves. */
@ExtendWith(ArquillianExtension.class)
class AllInOneIT {

    private static final List<String> ROLES =
            List.of("input-poller", "decider", "activity-poller", "embedded-sqs", "embedded-swf");

    @Inject
    SqsClient sqs;

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTestLibraries(Deployments.allInOne("all-in-one", Map.of()));
    }

    @Test
    @RunAsClient
    void becomesReadyWithEveryRoleRunning(@ArquillianResource URL base) throws Exception {
        URI ready = base.toURI().resolve("/health/ready");

        Http.Response response = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Http.get(ready), r -> r.status() == 200);

        assertThat(response.body()).contains("\"status\":\"UP\"");
        ROLES.forEach(role -> assertThat(response.body()).contains(Http.roleState(role, "RUNNING")));
        assertThat(Http.get(base.toURI().resolve("/health/live")).status()).isEqualTo(200);
        assertThat(Http.get(base.toURI().resolve("/health/started")).status()).isEqualTo(200);
    }

    @Test
    @RunAsClient
    void apiListsTheRolesWithTheEmbeddedSqsEndpoint(@ArquillianResource URL base) throws Exception {
        Http.Response roles = Http.get(base.toURI().resolve("api/roles"));

        assertThat(roles.status()).isEqualTo(200);
        assertThat(roles.body()).contains("\"name\":\"embedded-sqs\"", "\"endpoint\":\"http://127.0.0.1:");
        assertThat(roles.body()).contains("cpe-dead-letter, demo-input, demo-output");
    }

    /** Runs inside the server: the application's own SqsClient round-trips a message through the embedded SQS. */
    @Test
    void applicationSqsClientRoundTripsThroughTheEmbeddedSqs() {
        String queue = sqs.getQueueUrl(b -> b.queueName("demo-input")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"type\":\"START_JOB\",\"jobId\":\"round-trip\"}"));

        List<Message> received =
                sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages();
        assertEquals(1, received.size());
        assertEquals(
                "{\"type\":\"START_JOB\",\"jobId\":\"round-trip\"}",
                received.get(0).body());
        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(received.get(0).receiptHandle()));

        assertEquals(
                0,
                sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1))
                        .messages()
                        .size());
    }
}
