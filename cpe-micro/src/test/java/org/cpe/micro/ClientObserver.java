package org.cpe.micro;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.WorkflowCompleted;

/**
 * An application bean of a CDI client, deployed with the stack in ClientIT: it observes every CPE message, and the
 * completions apart, as an application would. Tests make it hold a message (to see it is not yet acknowledged) or fail
 * once (to see it come back).
 */
@ApplicationScoped
public class ClientObserver {

    private final Map<String, List<CpeMessage>> byJob = new ConcurrentHashMap<>();
    private final Map<String, WorkflowCompleted> completed = new ConcurrentHashMap<>();
    private final Map<String, String> failOnce = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holding = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> release = new ConcurrentHashMap<>();
    private final Map<String, String> heldReceipt = new ConcurrentHashMap<>();

    void any(@Observes CpeMessage message) {
        String jobId = String.valueOf(message.jobId());
        byJob.computeIfAbsent(jobId, j -> new CopyOnWriteArrayList<>()).add(message);
        if (message.type().equals(failOnce.get(jobId))) {
            failOnce.remove(jobId);
            throw new IllegalStateException("the application failed on " + message.type() + " of " + jobId);
        }
    }

    void completed(@Observes WorkflowCompleted message) throws InterruptedException {
        completed.put(message.jobId(), message);
        CountDownLatch hold = holding.get(message.jobId());
        if (hold != null) {
            heldReceipt.put(message.jobId(), message.receiptHandle());
            hold.countDown();
            release.get(message.jobId()).await(60, TimeUnit.SECONDS);
        }
    }

    /** The job's messages delivered so far, redeliveries included. */
    public List<CpeMessage> messages(String jobId) {
        return byJob.getOrDefault(jobId, List.of());
    }

    public WorkflowCompleted completion(String jobId) {
        return completed.get(jobId);
    }

    /** The observer of every message throws on the first delivery of the job's message of this type. */
    public void failOnce(String jobId, String type) {
        failOnce.put(jobId, type);
    }

    /** The completion observer holds the job's completion until {@link #release(String)}. */
    public void hold(String jobId) {
        holding.put(jobId, new CountDownLatch(1));
        release.put(jobId, new CountDownLatch(1));
    }

    /** The receipt handle of the held completion, once the observer holds it; null before. */
    public String held(String jobId) {
        return holding.get(jobId).getCount() == 0 ? heldReceipt.get(jobId) : null;
    }

    public void release(String jobId) {
        release.get(jobId).countDown();
    }
}
