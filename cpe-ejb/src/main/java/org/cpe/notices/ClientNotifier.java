package org.cpe.notices;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.aws.SqsQueues;
import org.cpe.client.ClientDefinition;
import org.cpe.protocol.Envelope;
import org.cpe.protocol.JobRoute;
import org.cpe.protocol.Notice;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends notices, through the outbox, to the job's client output queue: the configured queue of the client the job is tagged with (or
 * named in the workflow input's {@code client.name}), else the input's {@code client.queues.output}, as the original
 * routed its workers' messages. A job with no client gets no messages; that is logged, not an error.
 */
public final class ClientNotifier {

    private static final Logger LOG = Logger.getLogger(ClientNotifier.class.getName());

    private final SqsQueues queues;
    private final Outbox outbox;
    private final Map<String, ClientDefinition> clients;

    public ClientNotifier(SqsClient sqs, Outbox outbox, List<ClientDefinition> clients) {
        this.queues = new SqsQueues(sqs);
        this.outbox = outbox;
        this.clients = clients.stream().collect(java.util.stream.Collectors.toMap(ClientDefinition::name, c -> c));
    }

    /**
     * A notice made into its message, the URL of the output queue it goes to, and the workflow it is about: one
     * workflow's messages leave in the order they were sent.
     */
    public record Prepared(String queueUrl, String body, String workflowId) {}

    public void send(JobRoute route, String workflowId, String runId, List<Notice> notices) {
        prepare(route, workflowId, runId, notices).forEach(p -> send(p, null));
    }

    /** Sends a prepared message, and runs {@code sent} once SQS has it; see {@link Outbox#send(String, String, String, Runnable)}. */
    public void send(Prepared message, Runnable sent) {
        outbox.send(message.workflowId(), message.queueUrl(), message.body(), sent);
    }

    /** The messages of {@code notices} for the job's client; none when the job has no client (logged). */
    public List<Prepared> prepare(JobRoute route, String workflowId, String runId, List<Notice> notices) {
        if (notices.isEmpty()) {
            return List.of();
        }
        Optional<String> queue = queue(route);
        if (queue.isEmpty()) {
            LOG.fine(() -> "Workflow " + workflowId + " has no client output queue; " + notices.size()
                    + " notice(s) not sent");
            return List.of();
        }
        String url = url(queue.get());
        return notices.stream()
                .map(n -> new Prepared(
                        url, Envelope.jobMessage(n, route.jobId(), workflowId, runId, Instant.now()), workflowId))
                .toList();
    }

    private Optional<String> queue(JobRoute route) {
        if (route.clientName() != null && clients.containsKey(route.clientName())) {
            return Optional.of(clients.get(route.clientName()).outputQueue());
        }
        return Optional.ofNullable(route.outputQueue());
    }

    private String url(String queue) {
        try {
            return queues.url(queue);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Output queue " + queue + " not found", e);
            throw e;
        }
    }
}
