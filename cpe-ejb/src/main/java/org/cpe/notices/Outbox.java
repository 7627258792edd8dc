package org.cpe.notices;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.cpe.aws.SqsQueues;
import org.cpe.aws.SqsText;
import org.cpe.loop.PollCycle;
import org.cpe.loop.StopSignal;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Messages on their way to SQS queues, sent by sender loops in batches of up to ten (SQS's limit) per queue, so that
 * the roles' loops do not wait for SQS and a busy server sends a tenth of the requests. Under load a batch gathers
 * what arrived while the previous one was sent; when idle a message leaves at once.
 *
 * <p>The outbox has one or more lanes, each with its own sender loop, so that several batches can be on their way at
 * once: one loop sends at most one batch per SQS round trip. A message goes to the lane its order key (a job's
 * workflowId) picks, so the messages of one key leave in the order they were queued; messages of different keys may
 * overtake each other, as SQS standard queues allow anyway.
 *
 * <p>Nothing is dropped on purpose: when SQS fails, the unsent messages are kept and sent first on the sender's next
 * turn (after its loop's back-off), and {@link #send} blocks once a lane's share of {@code capacity} messages wait,
 * which slows the producers down instead of filling the heap. When a sender's loop stops it closes its lane and sends
 * what is left; a message queued after that is sent by its producer's own thread. A message SQS rejects as malformed
 * is logged with its queue and start, as it can never be sent. What is queued lives in memory only: a process killed
 * between queueing and sending loses it.
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private static final Duration WAIT = Duration.ofMillis(250);

    /** The lanes of the roles' outboxes unless configured ({@code cpe.sqs.senders}). */
    public static final int DEFAULT_LANES = 2;

    private final SqsClient sqs;
    private final List<Lane> lanes;

    /** A message for the queue at {@code queueUrl}, and what to do once SQS has it (or refused it for good). */
    record Pending(String queueUrl, String body, Runnable sent) {

        Pending(String queueUrl, String body) {
            this(queueUrl, body, null);
        }

        void confirm() {
            if (sent != null) {
                sent.run();
            }
        }
    }

    /** An outbox with one lane: every message leaves in the order it was queued. */
    public Outbox(SqsClient sqs, int capacity) {
        this(sqs, capacity, 1);
    }

    /** An outbox with {@code lanes} lanes, each holding up to its share of {@code capacity} messages. */
    public Outbox(SqsClient sqs, int capacity, int lanes) {
        if (lanes < 1 || capacity < lanes) {
            throw new IllegalArgumentException("An outbox needs at least one lane and one place per lane: " + lanes
                    + " lanes, capacity " + capacity);
        }
        this.sqs = sqs;
        int share = (capacity + lanes - 1) / lanes;
        this.lanes = IntStream.range(0, lanes).mapToObj(i -> new Lane(share)).toList();
    }

    /** Queues a message for the queue at {@code queueUrl}, ordered after the earlier ones for that queue. */
    public void send(String queueUrl, String body) {
        send(queueUrl, queueUrl, body, null);
    }

    /**
     * Queues a message, ordered after the earlier ones with the same {@code orderKey}, and runs {@code sent} once SQS
     * has taken it, or has refused it as malformed (it never will take it); {@code sent} runs on the sender's thread
     * and must be quick. Blocks while the key's lane is full.
     */
    public void send(String orderKey, String queueUrl, String body, Runnable sent) {
        lanes.get(Math.floorMod(orderKey.hashCode(), lanes.size()))
                .send(new Pending(queueUrl, SqsText.clean(body), sent));
    }

    /** The sender loops' turns, one per lane: each sends what waits in its lane, or waits a little for something. */
    public List<PollCycle> senders() {
        return lanes.stream().<PollCycle>map(lane -> lane::sendOnce).toList();
    }

    /** The sender loop of an outbox with one lane. */
    public PollCycle sender() {
        if (lanes.size() != 1) {
            throw new IllegalStateException("This outbox has " + lanes.size() + " lanes; use senders()");
        }
        return senders().get(0);
    }

    /** One lane: its waiting messages, what SQS failed to take, and whether its sender has stopped. */
    private final class Lane {

        private final BlockingQueue<Pending> queue;
        private final List<Pending> unsent = new ArrayList<>();
        private volatile boolean closed;

        Lane(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        void send(Pending pending) {
            try {
                queue.put(pending);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sendDirect(pending);
                return;
            }
            if (closed) {
                // The sender may have made its last pass before this message arrived.
                drain();
            }
        }

        /** Synchronized, like every use of {@link #unsent}; producers only contend for it once the lane is closed. */
        synchronized void sendOnce(StopSignal stop) {
            List<Pending> batch = new ArrayList<>(unsent);
            unsent.clear();
            if (batch.isEmpty()) {
                try {
                    Pending first = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.trigger();
                }
            }
            queue.drainTo(batch, 10 * SqsQueues.MAX_ENTRIES);
            try {
                sendNow(batch);
            } catch (RuntimeException e) {
                if (!stop.isTriggered()) {
                    throw e;
                }
            }
            if (stop.isTriggered()) {
                closed = true;
                drain();
            }
        }

        /** Sends everything that waits, on the calling thread; what fails is logged as lost. */
        private synchronized void drain() {
            List<Pending> rest = new ArrayList<>(unsent);
            unsent.clear();
            queue.drainTo(rest);
            if (rest.isEmpty()) {
                return;
            }
            try {
                sendNow(rest);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "SQS failed while stopping: " + unsent.size() + " message(s) not sent", e);
                unsent.clear();
            }
        }

        private synchronized void sendDirect(Pending message) {
            sendNow(List.of(message));
        }

        /**
         * Sends {@code messages} in batches per queue, in order; on a failure the messages not yet sent go to
         * {@link #unsent} and the failure is thrown.
         */
        private void sendNow(List<Pending> messages) {
            Map<String, List<Pending>> byQueue = new LinkedHashMap<>();
            messages.forEach(m -> byQueue.computeIfAbsent(m.queueUrl(), q -> new ArrayList<>())
                    .add(m));
            List<List<Pending>> batches = new ArrayList<>();
            byQueue.values().forEach(list -> batches.addAll(batches(list)));
            for (int i = 0; i < batches.size(); i++) {
                try {
                    sendBatch(batches.get(i), unsent);
                } catch (RuntimeException e) {
                    batches.subList(i + 1, batches.size()).forEach(unsent::addAll);
                    throw e;
                }
            }
        }
    }

    /** Splits one queue's messages into batches within SQS's limits on entries and total size. */
    static List<List<Pending>> batches(List<Pending> messages) {
        return SqsQueues.batches(messages, Pending::body);
    }

    /**
     * Sends one batch; what SQS failed to take for now goes to {@code unsent} and the failure is thrown. A failed
     * request puts the whole batch there.
     */
    private void sendBatch(List<Pending> batch, List<Pending> unsent) {
        String url = batch.get(0).queueUrl();
        if (batch.size() == 1) {
            Pending message = batch.get(0);
            try {
                sqs.sendMessage(r -> r.queueUrl(url).messageBody(message.body()));
            } catch (InvalidMessageContentsException e) {
                LOG.severe(() -> "SQS rejected a message for " + url + " (" + e.getMessage() + "); it is dropped: "
                        + abbreviate(message.body()));
            } catch (RuntimeException e) {
                unsent.add(message);
                throw e;
            }
            message.confirm();
            return;
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(String.valueOf(i))
                    .messageBody(batch.get(i).body())
                    .build());
        }
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
        } catch (RuntimeException e) {
            unsent.addAll(batch);
            throw e;
        }
        List<Pending> retry = new ArrayList<>();
        for (BatchResultErrorEntry failed : response.failed()) {
            Pending message = batch.get(Integer.parseInt(failed.id()));
            if (Boolean.TRUE.equals(failed.senderFault())) {
                LOG.severe(() -> "SQS rejected a message for " + url + " (" + failed.code() + ": " + failed.message()
                        + "); it is dropped: " + abbreviate(message.body()));
            } else {
                retry.add(message);
            }
        }
        response.successful().forEach(ok -> batch.get(Integer.parseInt(ok.id())).confirm());
        response.failed().stream()
                .filter(failed -> Boolean.TRUE.equals(failed.senderFault()))
                .forEach(failed -> batch.get(Integer.parseInt(failed.id())).confirm());
        if (!retry.isEmpty()) {
            unsent.addAll(retry);
            throw new IllegalStateException(
                    "SQS failed " + retry.size() + " of " + batch.size() + " messages for " + url + "; they wait");
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
