package org.cpe.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.cpe.client.internal.Mailbox;
import org.cpe.client.message.ActivityCancelRequested;
import org.cpe.client.message.ActivityList;
import org.cpe.client.message.ActivityStatus;
import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.JobCancelRequested;
import org.cpe.client.message.JobList;
import org.cpe.client.message.JobStatus;
import org.cpe.client.message.Rejection;
import org.cpe.protocol.CommandType;
import org.cpe.protocol.Envelope;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A client application's connection to CPE: it sends commands to the client's input queue and reads the client's
 * output queue. Thread-safe; one per client definition is enough. Build one with {@link #builder()}.
 *
 * <p>Commands that ask a question ({@link #jobStatus}, {@link #listJobs}, ...) wait for CPE's answer on the output
 * queue, up to the reply timeout. The messages a job sends as it runs are read with {@link #follow} (one job, until it
 * ends), {@link #listen} (every message, in the background) or {@link #receive} and {@link #acknowledge}. A message is
 * acknowledged (deleted from the queue) only after whoever consumed it returned; other readers of the same client in
 * this process see what they wait for, and what nobody here waits for is left in the queue.
 */
public final class CpeClient implements AutoCloseable {

    private final ClientDefinition client;
    private final SqsClient sqs;
    private final boolean ownsSqs;
    private final Duration replyTimeout;
    private final String endpoint;
    private final ConcurrentHashMap<String, String> queueUrls = new ConcurrentHashMap<>();
    private final Mailbox mailbox;

    CpeClient(ClientDefinition client, SqsClient sqs, boolean ownsSqs, Duration replyTimeout, String endpoint) {
        this.client = client;
        this.sqs = sqs;
        this.ownsSqs = ownsSqs;
        this.replyTimeout = replyTimeout;
        this.endpoint = endpoint;
        this.mailbox = new Mailbox(
                sqs, () -> queueUrl(client.outputQueue()), "output queue " + client.outputQueue() + " at " + endpoint);
    }

    public static CpeClientBuilder builder() {
        return new CpeClientBuilder();
    }

    /** The client this connection speaks for. */
    public ClientDefinition client() {
        return client;
    }

    /**
     * Sends {@code START_JOB} and returns the jobId: the job's own, or a new one. The data gets the client definition
     * as {@code client}, as the original SDK added it. The answer ({@code WORKFLOW_SCHEDULED}, or
     * {@code JOB_START_FAILED} with the reason) and the job's messages follow on the output queue.
     */
    public String startJob(Job job) {
        String jobId = job.jobId() != null ? job.jobId() : newJobId();
        ObjectNode data = job.data();
        if (!data.has("client")) {
            ObjectNode definition = data.putObject("client");
            definition.put("name", client.name());
            definition.putObject("queues").put("input", client.inputQueue()).put("output", client.outputQueue());
        }
        send(CommandType.START_JOB, jobId, data);
        return jobId;
    }

    /**
     * Asks CPE to cancel the job and returns its answer; {@code WORKFLOW_CANCELED} follows once the running activities
     * stopped.
     *
     * @throws CommandRejectedException when the client has no such open job ({@code NO_OPEN_JOB})
     * @throws NoReplyException when no answer came within the reply timeout
     */
    public JobCancelRequested cancelJob(String jobId) {
        return ask(CommandType.CANCEL_JOB, requireJobId(jobId), null, JobCancelRequested.class);
    }

    /**
     * Asks CPE to cancel one step of the job and returns its answer; {@code ACTIVITY_CANCELED} follows unless the step
     * ends first, and the job goes on.
     *
     * @throws CommandRejectedException for {@code NO_SUCH_ACTIVITY}, {@code ACTIVITY_NOT_RUNNING}, {@code NO_OPEN_JOB}
     */
    public ActivityCancelRequested cancelActivity(String jobId, String activityId) {
        return ask(
                CommandType.CANCEL_ACTIVITY,
                requireJobId(jobId),
                activityData(activityId),
                ActivityCancelRequested.class);
    }

    /**
     * The job's status, from CPE's answer.
     *
     * @throws CommandRejectedException when CPE refused, such as {@code NO_SUCH_JOB}
     * @throws NoReplyException when no answer came within the reply timeout
     */
    public JobStatus jobStatus(String jobId) {
        return ask(CommandType.GET_JOB_STATUS, requireJobId(jobId), null, JobStatus.class);
    }

    /** Every step of the job with its outputs ({@code GET_ACTIVITY_LIST}). */
    public ActivityList activities(String jobId) {
        return ask(CommandType.GET_ACTIVITY_LIST, requireJobId(jobId), null, ActivityList.class);
    }

    /** One step of the job in full, with its latest input ({@code GET_ACTIVITY_STATUS}). */
    public ActivityStatus activity(String jobId, String activityId) {
        return ask(
                CommandType.GET_ACTIVITY_STATUS, requireJobId(jobId), activityData(activityId), ActivityStatus.class);
    }

    /** One page of the client's jobs ({@code GET_JOB_LIST}); follow {@link JobList#nextPageToken()} for more. */
    public JobList listJobs(JobQuery query) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        if (query.status() != null) {
            data.put("status", query.status());
        }
        if (query.workflowName() != null) {
            ObjectNode workflow = data.putObject("workflow").put("name", query.workflowName());
            if (query.workflowVersion() != null) {
                workflow.put("version", query.workflowVersion());
            }
        }
        if (query.startedAfter() != null) {
            data.put("startedAfter", query.startedAfter().toString());
        }
        if (query.startedBefore() != null) {
            data.put("startedBefore", query.startedBefore().toString());
        }
        if (query.pageSize() != null) {
            data.put("pageSize", query.pageSize());
        }
        if (query.nextPageToken() != null) {
            data.put("nextPageToken", query.nextPageToken());
        }
        // The jobId of a listing only correlates the answer.
        return ask(CommandType.GET_JOB_LIST, "list-" + newJobId(), data, JobList.class);
    }

    /**
     * Consumes the messages of one job as they come, each passed to {@code each} and then acknowledged, until the one
     * that ends the job ({@link CpeMessage#endsJob()}), which is returned; null when {@code timeout} passes first.
     * Messages of other jobs are left in the queue.
     */
    public CpeMessage follow(String jobId, Duration timeout, Consumer<CpeMessage> each) {
        return follow(jobId, CpeMessage::endsJob, timeout, each);
    }

    /** {@link #follow(String, Duration, Consumer)} until the first message {@code until} selects. */
    public CpeMessage follow(String jobId, Predicate<CpeMessage> until, Duration timeout, Consumer<CpeMessage> each) {
        Predicate<CpeMessage> mine = m -> jobId.equals(m.jobId());
        return mailbox.follow(mine, until, timeout, each);
    }

    /**
     * Receives up to ten messages, waiting up to {@code wait} (at most 20 s) for the first. They stay in the queue
     * until {@link #acknowledge}d; one that is not comes back after the queue's visibility timeout.
     */
    public List<CpeMessage> receive(Duration wait) {
        List<CpeMessage> received = mailbox.receive(wait);
        return received.stream().filter(m -> !mailbox.offer(m)).toList();
    }

    /** Deletes a received message from the output queue. */
    public void acknowledge(CpeMessage message) {
        mailbox.acknowledge(message);
    }

    /** Makes a received message visible again at once, unhandled. */
    public void release(CpeMessage message) {
        mailbox.release(message);
    }

    /**
     * Starts a background loop that passes every message to {@code handler} and acknowledges it when the handler
     * returns; a message whose handler throws is not acknowledged and comes back after the queue's visibility
     * timeout. Close the returned listener to stop it.
     */
    public CpeListener listen(Consumer<CpeMessage> handler) {
        return listen(handler, null, Duration.ofSeconds(10));
    }

    /** {@link #listen(Consumer)} with the listener's thread made by {@code threads} and long polls of {@code wait}. */
    public CpeListener listen(Consumer<CpeMessage> handler, ThreadFactory threads, Duration wait) {
        return CpeListener.start(mailbox, handler, threads, wait, client.name());
    }

    @Override
    public void close() {
        if (ownsSqs) {
            sqs.close();
        }
    }

    private <T extends CpeMessage> T ask(CommandType type, String jobId, ObjectNode data, Class<T> answer) {
        Predicate<CpeMessage> reply = m -> jobId.equals(m.jobId())
                && (answer.isInstance(m)
                        || (m instanceof Rejection r
                                && (r.command() == null || type.name().equals(r.command()))));
        send(type, jobId, data);
        CpeMessage message = mailbox.follow(reply, m -> true, replyTimeout, m -> {});
        if (message == null) {
            throw new NoReplyException("No answer to " + type + " of " + jobId + " on " + client.outputQueue()
                    + " within " + replyTimeout.toSeconds() + " s: is CPE serving client '" + client.name() + "'?");
        }
        if (message instanceof Rejection r) {
            throw new CommandRejectedException(r);
        }
        return answer.cast(message);
    }

    private void send(CommandType type, String jobId, ObjectNode data) {
        String body = Envelope.command(type, jobId, data, Instant.now());
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl(client.inputQueue())).messageBody(body));
        } catch (SdkException e) {
            throw new CpeException(
                    "Could not send " + type + " to " + client.inputQueue() + " at " + endpoint + ": " + e.getMessage(),
                    e);
        }
    }

    private String queueUrl(String reference) {
        if (ClientDefinition.isQueueUrl(reference)) {
            return reference;
        }
        return queueUrls.computeIfAbsent(reference, name -> {
            try {
                return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            } catch (QueueDoesNotExistException e) {
                throw new CpeException(
                        "The queue '" + name + "' of client '" + client.name() + "' does not exist at " + endpoint
                                + ": is the client in the server's cpe.clients?",
                        e);
            } catch (SdkException e) {
                throw new CpeException("Could not reach SQS at " + endpoint + ": " + e.getMessage(), e);
            }
        });
    }

    private static ObjectNode activityData(String activityId) {
        Objects.requireNonNull(activityId, "activityId");
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("activity").put("activityId", activityId);
        return data;
    }

    private static String requireJobId(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("a jobId is required");
        }
        return jobId;
    }

    /** Like the original SDK's md5(name + uniqid): 32 hexadecimal digits, unique. */
    private static String newJobId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
