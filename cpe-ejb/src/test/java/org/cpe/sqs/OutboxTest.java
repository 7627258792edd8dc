package org.cpe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the outbox cuts a queue's messages into batches SQS accepts. */
class OutboxTest {

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
        List<List<Outbox.Pending>> batches = Outbox.batches(messages(3, Outbox.MAX_BATCH_BYTES));

        assertThat(batches).extracting(List::size).containsExactly(1, 1, 1);
    }
}
