package org.cpe.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqsQueuesTest {

    @Test
    void batchesHoldTenEntriesAtMostInTheirOrder() {
        List<String> messages =
                IntStream.range(0, 25).mapToObj(i -> "message " + i).toList();

        List<List<String>> batches = SqsQueues.batches(messages, m -> m);

        assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(messages);
    }

    @Test
    void batchesStayWithinTheBytesSqsTakesCountedInUtf8() {
        // 'é' is two bytes in UTF-8: 100 KiB of characters are 200 KiB of bytes, one to a batch.
        String large = String.join("", Collections.nCopies(100 * 1024, "é"));

        assertThat(SqsQueues.batches(List.of(large, large, "small"), m -> m))
                .extracting(List::size)
                .containsExactly(1, 2);
        assertThat(SqsQueues.batches(List.of("x".repeat(SqsQueues.MAX_BATCH_BYTES), "y"), m -> m))
                .extracting(List::size)
                .containsExactly(1, 1);
    }

    @Test
    void aQueueGivenByUrlIsItsOwnUrlWithoutAsking() {
        SqsQueues queues = new SqsQueues(null);

        assertThat(queues.url("http://127.0.0.1:9324/000000000000/demo-output"))
                .isEqualTo("http://127.0.0.1:9324/000000000000/demo-output");
    }
}
