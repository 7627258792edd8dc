package org.cpe.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.client.CpeException;
import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.CpeMessages;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A client's output queue. Several readers may share it in one process: a listener delivering every message, and
 * callers waiting for particular ones (an answer, the messages of one job). Whoever receives a message first offers it
 * to the waiting callers; a caller acknowledges (deletes) only what it consumed, after its consumer returned, and
 * gives back what it received for others when it stops waiting.
 */
public final class Mailbox {

    private static final Logger LOG = Logger.getLogger(Mailbox.class.getName());
    private static final int MAX_WAIT_SECONDS = 20;

    private final SqsClient sqs;
    private final Supplier<String> queueUrl;
    private final String where;
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private final AtomicInteger listeners = new AtomicInteger();

    public Mailbox(SqsClient sqs, Supplier<String> queueUrl, String where) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.where = where;
    }

    /** Receives up to ten messages, waiting up to {@code wait} (at most 20 s) for the first; none is acknowledged. */
    public List<CpeMessage> receive(Duration wait) {
        int seconds = (int) Math.min(MAX_WAIT_SECONDS, Math.max(0, (wait.toMillis() + 999) / 1000));
        List<Message> messages;
        try {
            messages = sqs.receiveMessage(b ->
                            b.queueUrl(queueUrl.get()).maxNumberOfMessages(10).waitTimeSeconds(seconds))
                    .messages();
        } catch (SdkException e) {
            throw new CpeException("Could not receive from " + where + ": " + e.getMessage(), e);
        }
        List<CpeMessage> parsed = new ArrayList<>(messages.size());
        messages.forEach(m -> parsed.add(CpeMessages.parse(m.body(), m.receiptHandle())));
        return parsed;
    }

    /** Deletes a received message from the queue: it was handled. */
    public void acknowledge(CpeMessage message) {
        requireReceipt(message);
        try {
            sqs.deleteMessage(b -> b.queueUrl(queueUrl.get()).receiptHandle(message.receiptHandle()));
        } catch (SdkException e) {
            throw new CpeException("Could not acknowledge a message on " + where + ": " + e.getMessage(), e);
        }
    }

    /** Makes a received message visible again at once, for another reader. */
    public void release(CpeMessage message) {
        requireReceipt(message);
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl.get())
                    .receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        } catch (SdkException e) {
            // It becomes visible anyway when its visibility timeout ends.
            LOG.log(Level.FINE, "A message could not be released early on " + where, e);
        }
    }

    /** A listener now receives for everyone (until {@link #listenerStopped()}): waiting callers wait for its offers. */
    public void listenerStarted() {
        listeners.incrementAndGet();
    }

    public void listenerStopped() {
        listeners.decrementAndGet();
    }

    /** Hands {@code message} to a caller waiting for it; true if one took it (and will acknowledge it). */
    public boolean offer(CpeMessage message) {
        for (Follower follower : followers) {
            if (follower.wants.test(message)) {
                follower.inbox.add(message);
                return true;
            }
        }
        return false;
    }

    /**
     * Consumes the messages {@code mine} selects, each passed to {@code each} and then acknowledged, until one that
     * {@code last} selects, which is returned; null when {@code timeout} passes first. Other messages received meanwhile
     * are held back from this reader and released at the end.
     */
    public CpeMessage follow(
            Predicate<CpeMessage> mine, Predicate<CpeMessage> last, Duration timeout, Consumer<CpeMessage> each) {
        Follower me = new Follower(mine);
        followers.add(me);
        Map<String, CpeMessage> held = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                CpeMessage message = me.inbox.poll();
                if (message == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    if (listeners.get() > 0) {
                        message = me.inbox.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                    } else {
                        for (CpeMessage received : receive(Duration.ofNanos(left))) {
                            if (!offer(received)) {
                                held.put(received.toString(), received);
                            }
                        }
                        continue;
                    }
                }
                if (message != null) {
                    each.accept(message);
                    acknowledge(message);
                    if (last.test(message)) {
                        return message;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CpeException("Interrupted while waiting for messages on " + where, e);
        } finally {
            followers.remove(me);
            me.inbox.forEach(m -> held.putIfAbsent(m.toString(), m));
            held.values().forEach(this::release);
        }
    }

    private static void requireReceipt(CpeMessage message) {
        if (message.receiptHandle() == null) {
            throw new IllegalArgumentException("the message was not received from SQS: it has no receipt handle");
        }
    }

    private record Follower(Predicate<CpeMessage> wants, BlockingQueue<CpeMessage> inbox) {
        Follower(Predicate<CpeMessage> wants) {
            this(wants, new LinkedBlockingQueue<>());
        }
    }
}
