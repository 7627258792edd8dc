package org.cpe.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.cpe.aws.SqsQueues;
import org.cpe.loop.PollCycle;
import org.cpe.loop.StopSignal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * How the outbox cuts a queue's messages into batches SQS accepts, keeps one key's messages in order across its lanes,
 * and keeps what SQS failed to take. A recording stand-in for SQS, as these are rules of the outbox alone; the
 * outbox against ElasticMQ is {@link OutboxSqsTest}.
 */
class OutboxTest {

    /** Takes every message, except those whose body starts with "fail" on their first try; records what it took. */
    static final class RecordingSqs implements SqsClient {

        final List<String> taken = Collections.synchronizedList(new ArrayList<>());
        final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        final AtomicInteger requests = new AtomicInteger();

        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            requests.incrementAndGet();
            taken.add(request.messageBody());
            return SendMessageResponse.builder().messageId("m").build();
        }

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            requests.incrementAndGet();
            SendMessageBatchResponse.Builder response = SendMessageBatchResponse.builder();
            List<SendMessageBatchResultEntry> ok = new ArrayList<>();
            List<BatchResultErrorEntry> failed = new ArrayList<>();
            for (SendMessageBatchRequestEntry entry : request.entries()) {
                if (entry.messageBody().startsWith("fail") && failedOnce.add(entry.messageBody())) {
                    failed.add(BatchResultErrorEntry.builder()
                            .id(entry.id())
                            .code("InternalError")
                            .senderFault(false)
                            .build());
                } else {
                    taken.add(entry.messageBody());
                    ok.add(SendMessageBatchResultEntry.builder()
                            .id(entry.id())
                            .messageId("m")
                            .build());
                }
            }
            return response.successful(ok).failed(failed).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {}
    }

    @Test
    void oneKeysMessagesLeaveInOrderWhileTheLanesSendInParallel() throws Exception {
        RecordingSqs sqs = new RecordingSqs();
        Outbox outbox = new Outbox(sqs, 1_000, 4);
        List<PollCycle> senders = outbox.senders();
        StopSignal stop = new StopSignal();
        ExecutorService threads = Executors.newFixedThreadPool(senders.size());
        try {
            senders.forEach(sender -> threads.submit(() -> {
                while (!stop.isTriggered()) {
                    sender.pollOnce(stop);
                }
                return null;
            }));
            for (int i = 0; i < 500; i++) {
                outbox.send("job-" + (i % 7), "q", "job-" + (i % 7) + ":" + i, null);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sqs.taken.size() < 500 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } finally {
            stop.trigger();
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(sqs.taken).hasSize(500).doesNotHaveDuplicates();
        for (int key = 0; key < 7; key++) {
            String prefix = "job-" + key + ":";
            List<Integer> order = sqs.taken.stream()
                    .filter(body -> body.startsWith(prefix))
                    .map(body -> Integer.parseInt(body.substring(prefix.length())))
                    .toList();
            assertThat(order).as(prefix).isSorted().hasSizeGreaterThan(70);
        }
    }

    @Test
    void whatSqsFailedToTakeIsSentOnceOnTheNextTurnAndNothingTwice() throws Exception {
        RecordingSqs sqs = new RecordingSqs();
        Outbox outbox = new Outbox(sqs, 100);
        PollCycle sender = outbox.sender();
        List<String> bodies = IntStream.range(0, 25)
                .mapToObj(i -> (i == 3 ? "fail-" : "ok-") + i)
                .toList();
        bodies.forEach(body -> outbox.send("q", body));

        assertThatThrownBy(() -> sender.pollOnce(new StopSignal()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 of 10");
        sender.pollOnce(new StopSignal());

        assertThat(sqs.taken).containsExactlyInAnyOrderElementsOf(bodies);
    }

    private static List<Outbox.Pending> messages(int count, int bytes) {
        return IntStream.range(0, count)
                .mapToObj(i -> new Outbox.Pending("q", "x".repeat(bytes)))
                .toList();
    }

    @Test
    void batchesHoldAtMostTenMessagesInOrder() {
        List<Outbox.Pending> messages = IntStream.range(0, 23)
                .mapToObj(i -> new Outbox.Pending("q", String.valueOf(i)))
                .toList();

        List<List<Outbox.Pending>> batches = Outbox.batches(messages);

        assertThat(batches).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(messages);
    }

    @Test
    void batchesStayWithinTheTotalSizeLimit() {
        List<List<Outbox.Pending>> batches = Outbox.batches(messages(5, 100 * 1024));

        assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
    }

    @Test
    void aMessageAsLargeAsTheLimitGoesAlone() {
        List<List<Outbox.Pending>> batches = Outbox.batches(messages(3, SqsQueues.MAX_BATCH_BYTES));

        assertThat(batches).extracting(List::size).containsExactly(1, 1, 1);
    }
}
