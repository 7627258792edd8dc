package org.cpe.inputpoller;

import static org.cpe.bench.BenchFigures.loadAverage;
import static org.cpe.bench.BenchFigures.spread;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpe.activitypoller.ProgressBoard;
import org.cpe.client.ClientDefinition;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.decider.runtime.TestLoops;
import org.cpe.loop.StopSignal;
import org.cpe.testing.EmbeddedServices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * {@code START_JOB}s accepted per second by the InputPoller, end to end on the embedded SQS (ElasticMQ over HTTP) and
 * the embedded SWF engine (H2, in-process as in the all-in-one server): a backlog of commands in the demo client's
 * input queue is drained by the client's input loop, each command started as a workflow and answered
 * {@code WORKFLOW_SCHEDULED} on the output queue,
 * by the default two loops per client. The clock stops when every answer is on the output queue. Not a
 * test: run it with {@code ./mvnw -B -pl cpe-ejb test -Pbenchmark -Dtest=InputPollerBenchmark}; results in
 * {@code target/benchmarks/input-poller.md}.
 */
@Tag("benchmark")
class InputPollerBenchmark {

    private static final int RUNS = Integer.getInteger("benchmark.runs", 5);
    private static final int JOBS = Integer.getInteger("benchmark.jobs", 3000);
    private static final int WARMUP_JOBS = Integer.getInteger("benchmark.warmup-jobs", 3000);
    /** The default of cpe.input-poller.loops-per-client. */
    private static final int LOOPS = Integer.getInteger("benchmark.loops", 2);

    private static final ClientDefinition DEMO = ClientDefinition.withDefaultQueues("demo");

    @TempDir
    Path dir;

    @Test
    void startJobsAcceptedPerSecond() throws Exception {
        double loadBefore = loadAverage();
        try (EmbeddedServices services = EmbeddedServices.start(dir, "dlq", List.of(DEMO), Duration.ofSeconds(1))) {
            SqsClient sqs = services.sqs;
            SwfClient swf = services.swf;
            services.registerWorkflowType("bench", "1", "decisions");
            String in = services.url(DEMO.inputQueue());
            String out = services.url(DEMO.outputQueue());

            run(sqs, swf, in, out, "warmup", WARMUP_JOBS);
            double[] rates = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                rates[i] = run(sqs, swf, in, out, "run" + i, JOBS);
                System.out.printf("run %d: %.0f START_JOB/s%n", i + 1, rates[i]);
            }
            String text = String.format(
                    "## InputPoller: START_JOB accepted end to end%n%n"
                            + "%d runs of %d commands (after %d warm-up), %d input loop(s) for the client:"
                            + " %s START_JOB/s (median, min–max)%n%n"
                            + "Machine: %d cores (Runtime.availableProcessors), load average %.2f before, %.2f after; %s%n",
                    RUNS,
                    JOBS,
                    WARMUP_JOBS,
                    LOOPS,
                    spread(rates, 0),
                    Runtime.getRuntime().availableProcessors(),
                    loadBefore,
                    loadAverage(),
                    Instant.now());
            System.out.println(text);
            Path target = Files.createDirectories(Path.of("target", "benchmarks"));
            Files.writeString(target.resolve("input-poller.md"), text);
        }
    }

    /** Loads {@code jobs} commands, drains them with the input loop, and returns the commands accepted per second. */
    private double run(SqsClient sqs, SwfClient swf, String in, String out, String prefix, int jobs) throws Exception {
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            batch.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(batch.size()))
                    .messageBody("{\"time\": 1437447258.98, \"type\": \"START_JOB\", \"jobId\": \"" + prefix + "-" + i
                            + "\", \"data\": {\"workflow\": {\"name\": \"bench\", \"version\": \"1\"}, \"n\": " + i
                            + "}}")
                    .build());
            if (batch.size() == 10) {
                List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                sqs.sendMessageBatch(r -> r.queueUrl(in).entries(entries));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            sqs.sendMessageBatch(r -> r.queueUrl(in).entries(batch));
        }
        TestLoops loops = new TestLoops();
        StopSignal stop = new StopSignal();
        long start = System.nanoTime();
        for (int i = 0; i < LOOPS; i++) {
            InputCycle cycle =
                    new InputCycle(sqs, swf, "cpe", DEMO, "dlq", PlanLibrary.of(List.of()), new ProgressBoard());
            loops.start("input-poller-" + i, () -> cycle.pollOnce(stop));
        }
        long deadline = start + Duration.ofMinutes(10).toNanos();
        while (count(sqs, out) < jobs) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + count(sqs, out) + " of " + jobs + " answers in 10 minutes");
            }
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.trigger();
        loops.stop(10_000);
        int open = swf.countOpenWorkflowExecutions(r -> r.domain("cpe")
                        .startTimeFilter(f -> f.oldestDate(Instant.EPOCH))
                        .executionFilter(f -> f.workflowId("demo." + prefix + "-0")))
                .count();
        if (open != 1) {
            throw new IllegalStateException("The first job of " + prefix + " is not open");
        }
        sqs.purgeQueue(r -> r.queueUrl(out));
        return jobs / seconds;
    }

    private static int count(SqsClient sqs, String url) {
        return Integer.parseInt(
                sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                        .attributesAsStrings()
                        .get("ApproximateNumberOfMessages"));
    }
}
