package org.cpe.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.aws.SqsQueues;
import org.cpe.client.ClientDefinition;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * {@link CpeMetrics} in the application's MicroProfile metric registry, served at {@code /metrics}:
 * <ul>
 *   <li>{@code cpe_activity_tasks_polled_total}, {@code cpe_activity_tasks_completed_total},
 *       {@code cpe_activity_tasks_failed_total}, {@code cpe_activity_tasks_canceled_total} by {@code type};
 *   <li>{@code cpe_activity_duration_seconds} by {@code type}, and {@code cpe_decision_seconds} (timers);
 *   <li>{@code cpe_polls_empty_total} by {@code role};
 *   <li>gauges read when scraped (at most every 5 s): {@code cpe_queue_messages} and
 *       {@code cpe_queue_messages_in_flight} of each client's queues and the dead-letter queue, by {@code queue}, and
 *       {@code cpe_open_executions} of the domain.
 * </ul>
 */
@ApplicationScoped
public class MicroProfileMetrics implements CpeMetrics {

    private static final Logger LOG = Logger.getLogger(MicroProfileMetrics.class.getName());
    private static final Duration GAUGE_CACHE = Duration.ofSeconds(5);

    @Inject
    MetricRegistry registry;

    @Inject
    CpeConfiguration configuration;

    @Inject
    SqsClient sqs;

    private volatile SqsQueues queues;

    @Inject
    SwfClient swf;

    private final Map<String, Cached> gauges = new ConcurrentHashMap<>();
    /** The loops' metrics by name and tag, looked up once: the loops call these on every task. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @PostConstruct
    void gauges() {
        CpeSettings settings = configuration.settings();
        for (ClientDefinition client : settings.clients().clients()) {
            queueGauges(client.inputQueue());
            queueGauges(client.outputQueue());
        }
        queueGauges(settings.sqs().deadLetterQueue());
        String domain = settings.decider().domain();
        registry.gauge(
                Metadata.builder()
                        .withName("cpe_open_executions")
                        .withDescription("Open workflow executions of CPE's domain")
                        .build(),
                () -> cached("open", () -> swf.countOpenWorkflowExecutions(
                                r -> r.domain(domain).startTimeFilter(f -> f.oldestDate(Instant.EPOCH)))
                        .count()
                        .longValue()),
                new Tag[0]);
    }

    @Override
    public void emptyPoll(String role) {
        counter("cpe_polls_empty_total", "role", role).inc();
    }

    @Override
    public void activityPolled(String type) {
        counter("cpe_activity_tasks_polled_total", "type", type).inc();
    }

    @Override
    public void activityEnded(String type, String outcome, Duration took) {
        counter("cpe_activity_tasks_" + outcome + "_total", "type", type).inc();
        timer("cpe_activity_duration_seconds", "type", type).update(took);
    }

    @Override
    public void decided(Duration took) {
        timer("cpe_decision_seconds", null, null).update(took);
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + "\n" + value, k -> registry.counter(name, new Tag(tag, value)));
    }

    private Timer timer(String name, String tag, String value) {
        return timers.computeIfAbsent(name + "\n" + value, k -> {
            Metadata metadata = Metadata.builder()
                    .withName(name)
                    .withUnit(MetricUnits.SECONDS)
                    .build();
            return tag == null ? registry.timer(metadata) : registry.timer(metadata, new Tag(tag, value));
        });
    }

    private void queueGauges(String reference) {
        String name = ClientDefinition.queueName(reference);
        Tag queue = new Tag("queue", name);
        registry.gauge(
                Metadata.builder()
                        .withName("cpe_queue_messages")
                        .withDescription("Messages waiting in a queue")
                        .build(),
                () -> queueAttribute(reference, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                queue);
        registry.gauge(
                Metadata.builder()
                        .withName("cpe_queue_messages_in_flight")
                        .withDescription("Messages received from a queue and not yet deleted")
                        .build(),
                () -> queueAttribute(reference, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                queue);
    }

    private long queueAttribute(String reference, QueueAttributeName attribute) {
        return cached(reference + "\n" + attribute, () -> {
            String url = queues().url(reference);
            return Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(attribute))
                    .attributes()
                    .getOrDefault(attribute, "0"));
        });
    }

    private SqsQueues queues() {
        SqsQueues current = queues;
        if (current == null) {
            current = new SqsQueues(sqs);
            queues = current;
        }
        return current;
    }

    /** A gauge's value, read at most every {@link #GAUGE_CACHE}; -1 while it cannot be read (logged). */
    private long cached(String key, Supplier<Long> read) {
        Cached entry = gauges.get(key);
        Instant now = Instant.now();
        if (entry != null && entry.at().plus(GAUGE_CACHE).isAfter(now)) {
            return entry.value();
        }
        long value;
        try {
            value = read.get();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "metric " + key + " could not be read", e);
            value = -1;
        }
        gauges.put(key, new Cached(value, now));
        return value;
    }

    private record Cached(long value, Instant at) {}
}
