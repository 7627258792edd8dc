package org.cpe.inputpoller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.activitypoller.ProgressBoard;
import org.cpe.aws.SqsQueues;
import org.cpe.aws.SqsText;
import org.cpe.client.ClientDefinition;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.loop.PollCycle;
import org.cpe.loop.StopSignal;
import org.cpe.operations.Command;
import org.cpe.operations.JobCanceller;
import org.cpe.operations.JobLister;
import org.cpe.operations.JobLookup;
import org.cpe.operations.JobStarter;
import org.cpe.operations.Outcome;
import org.cpe.operations.Queries;
import org.cpe.operations.Replies;
import org.cpe.protocol.CommandType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * One turn of a client's input loop: receive up to ten commands, carry them out, answer them on the client's output
 * queue, copy the rejected ones raw to the dead-letter queue (with the reason as a message attribute), and only then
 * delete them, so that a crash in between re-processes them (harmlessly: a start finds its workflow). A command whose
 * SWF call fails for a passing reason is left in the queue and comes back after its visibility timeout.
 */
public final class InputCycle implements PollCycle {

    private static final Logger LOG = Logger.getLogger(InputCycle.class.getName());
    /**
     * Short for a long poll: the SDK's URL-connection client cannot be interrupted, and a stopping server waits for
     * the receive in flight (with 10 s, Ctrl-C sometimes took longer than the shutdown time). Idle, that is one
     * receive per client every 2 s.
     */
    private static final int WAIT_SECONDS = 2;

    private final SqsClient sqs;
    private final SqsQueues queues;
    private final Map<CommandType, Handler> handlers;
    private final ClientDefinition client;
    private final String deadLetterQueue;
    private String inputUrl;
    private String deadLetterUrl;
    private String outputUrl;

    /** Carries out one kind of command for the sending client. */
    private interface Handler {
        Outcome handle(String client, Command command);
    }

    /**
     * @param plans the plans, to show a job's steps
     * @param board the latest reports of the activities running on this server, to show their progress
     */
    public InputCycle(
            SqsClient sqs,
            SwfClient swf,
            String domain,
            ClientDefinition client,
            String deadLetterQueue,
            PlanLibrary plans,
            ProgressBoard board) {
        this.sqs = sqs;
        this.queues = new SqsQueues(sqs);
        this.client = client;
        this.deadLetterQueue = deadLetterQueue;
        JobLookup jobs = new JobLookup(swf, domain);
        JobStarter starter = new JobStarter(swf, jobs);
        JobCanceller canceller = new JobCanceller(swf, jobs, plans);
        Queries queries = new Queries(jobs, plans, board);
        JobLister lister = new JobLister(swf, domain);
        this.handlers = handlers(Map.of(
                CommandType.START_JOB, starter::start,
                CommandType.CANCEL_JOB, canceller::cancelJob,
                CommandType.CANCEL_ACTIVITY, canceller::cancelActivity,
                CommandType.GET_JOB_LIST, lister::list,
                CommandType.GET_JOB_STATUS, queries::jobStatus,
                CommandType.GET_ACTIVITY_LIST, queries::activityList,
                CommandType.GET_ACTIVITY_STATUS, queries::activityStatus));
    }

    /** Every command type with its handler; a type without one stops the start, not a command in flight. */
    private static Map<CommandType, Handler> handlers(Map<CommandType, Handler> given) {
        Map<CommandType, Handler> all = new EnumMap<>(given);
        for (CommandType type : CommandType.values()) {
            if (!all.containsKey(type)) {
                throw new IllegalStateException("The InputPoller has no handler for " + type);
            }
        }
        return all;
    }

    /** A command's raw message bound for the dead-letter queue, and why. */
    private record DeadLetter(Message message, String reason) {}

    @Override
    public void pollOnce(StopSignal stop) {
        if (inputUrl == null) {
            inputUrl = url(client.inputQueue());
            deadLetterUrl = url(deadLetterQueue);
        }
        List<Message> received = sqs.receiveMessage(
                        r -> r.queueUrl(inputUrl).maxNumberOfMessages(10).waitTimeSeconds(WAIT_SECONDS))
                .messages();
        if (received.isEmpty() || stop.isTriggered()) {
            // Received while stopping: left alone, they come back after their visibility timeout.
            return;
        }
        List<DeadLetter> deadLetters = new ArrayList<>();
        String outputUrl = outputUrl();
        if (outputUrl == null) {
            // Nobody would hear of it: nothing is started, the commands are kept.
            LOG.severe(() -> "Output queue " + client.outputQueue() + " of client " + client.name()
                    + " does not exist: " + received.size() + " command(s) go to the dead-letter queue unanswered");
            received.forEach(m -> deadLetters.add(new DeadLetter(m, "OUTPUT_QUEUE_UNKNOWN")));
            deadLetter(deadLetters);
            delete(received);
            return;
        }
        List<String> replies = new ArrayList<>();
        List<Message> done = new ArrayList<>();
        for (Message message : received) {
            try {
                handle(message, replies, deadLetters);
                done.add(message);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Command of client " + client.name() + " not processed; it stays in " + client.inputQueue()
                                + " and comes back",
                        e);
            }
        }
        try {
            send(outputUrl, replies);
        } catch (QueueDoesNotExistException e) {
            // Deleted since it was looked up: looked up again next turn; the commands come back meanwhile.
            this.outputUrl = null;
            throw e;
        }
        deadLetter(deadLetters);
        delete(done);
    }

    private void deadLetter(List<DeadLetter> deadLetters) {
        for (DeadLetter dead : deadLetters) {
            sqs.sendMessage(r -> r.queueUrl(deadLetterUrl)
                    .messageBody(dead.message().body())
                    .messageAttributes(Map.of(
                            "cpe-reason", text(dead.reason()),
                            "cpe-client", text(client.name()),
                            "cpe-queue", text(client.inputQueue()))));
        }
    }

    private void handle(Message message, List<String> replies, List<DeadLetter> deadLetters) {
        Command.Parsed parsed = Command.parse(message.body(), message.messageId());
        if (parsed.rejection() != null) {
            Command.Rejection r = parsed.rejection();
            replies.add(Replies.unparsed(r, message.messageId(), message.body(), Instant.now()));
            deadLetters.add(new DeadLetter(message, r.reason()));
            return;
        }
        Command command = parsed.command();
        Outcome outcome = handlers.get(command.type()).handle(client.name(), command);
        replies.add(outcome.reply());
        if (outcome.deadLetterReason() != null) {
            deadLetters.add(new DeadLetter(message, outcome.deadLetterReason()));
        }
    }

    /** Sends the replies in batches within SQS's limits of ten entries and 256 KiB. */
    private void send(String url, List<String> replies) {
        List<String> cleaned = replies.stream().map(SqsText::clean).toList();
        for (List<String> batch : SqsQueues.batches(cleaned, reply -> reply)) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (String reply : batch) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(entries.size()))
                        .messageBody(reply)
                        .build());
            }
            sendBatch(url, entries);
        }
    }

    private void sendBatch(String url, List<SendMessageBatchRequestEntry> batch) {
        var response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(batch));
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException("SQS refused " + response.failed().size() + " repl(ies) for " + url + ": "
                    + response.failed().get(0).message());
        }
    }

    private void delete(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        sqs.deleteMessageBatch(r -> r.queueUrl(inputUrl).entries(entries));
    }

    /** The output queue's URL, looked up once; null while the queue does not exist. */
    private String outputUrl() {
        if (outputUrl == null) {
            try {
                outputUrl = url(client.outputQueue());
            } catch (QueueDoesNotExistException e) {
                return null;
            }
        }
        return outputUrl;
    }

    private String url(String queue) {
        return queues.url(queue);
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
