package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cpe.swf.store.Records.at;
import static org.cpe.swf.store.Records.closed;
import static org.cpe.swf.store.Records.open;
import static org.cpe.swf.store.Records.withType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.cpe.swf.store.Change.ExecutionPut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * ListClosedWorkflowExecutions and CountClosedWorkflowExecutions on every database under the store. The closed runs
 * of domain d: r1 to r4, started at 10, 20, 30, 40 s and closed at 100, 50, 80, 60 s; one open run and one of
 * another domain must never show.
 */
abstract class ClosedListContract {

    private StoreFixture fixture;
    private SwfStore store;

    abstract StoreFixture newFixture();

    @BeforeEach
    void storeClosedRuns() throws Exception {
        fixture = newFixture();
        store = fixture.open();
        List<Change> changes = List.of(
                put(closed(open("d", "w1", "r1", 10, "blue"), CloseStatus.COMPLETED, 100)),
                put(closed(withType(open("d", "w2", "r2", 20, "red"), "order", "2"), CloseStatus.FAILED, 50)),
                put(closed(
                        withType(open("d", "w1", "r3", 30, "blue", "red"), "invoice", "1"), CloseStatus.COMPLETED, 80)),
                put(closed(open("d", "w3", "r4", 40), CloseStatus.TERMINATED, 60)),
                put(open("d", "w5", "r5", 25, "blue")),
                put(closed(open("other", "w1", "r6", 15, "blue"), CloseStatus.COMPLETED, 70)));
        store.submit(changes).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void dropDatabase() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void listsByStartTimeNewestFirstAndOldestFirstWhenReversed() {
        assertThat(list(r -> r.startTimeFilter(since(0)))).containsExactly("r4", "r3", "r2", "r1");
        assertThat(list(r -> r.startTimeFilter(since(0)).reverseOrder(true))).containsExactly("r1", "r2", "r3", "r4");
    }

    @Test
    void timeFiltersIncludeBothEnds() {
        assertThat(list(r -> r.startTimeFilter(between(20, 30)))).containsExactly("r3", "r2");
        assertThat(list(r -> r.startTimeFilter(since(41)))).isEmpty();
    }

    @Test
    void aCloseTimeFilterFiltersAndSortsByCloseTime() {
        assertThat(list(r -> r.closeTimeFilter(since(0)))).containsExactly("r1", "r3", "r4", "r2");
        assertThat(list(r -> r.closeTimeFilter(between(60, 80)))).containsExactly("r3", "r4");
        assertThat(list(r -> r.closeTimeFilter(between(60, 80)).reverseOrder(true)))
                .containsExactly("r4", "r3");
    }

    @Test
    void filtersByWorkflowIdCloseStatusTypeAndTag() {
        assertThat(list(r -> r.startTimeFilter(since(0)).executionFilter(f -> f.workflowId("w1"))))
                .containsExactly("r3", "r1");
        assertThat(list(r -> r.startTimeFilter(since(0)).closeStatusFilter(f -> f.status(CloseStatus.COMPLETED))))
                .containsExactly("r3", "r1");
        assertThat(list(r -> r.startTimeFilter(since(0)).typeFilter(f -> f.name("order"))))
                .containsExactly("r4", "r2", "r1");
        assertThat(list(r -> r.startTimeFilter(since(0))
                        .typeFilter(f -> f.name("order").version("1"))))
                .containsExactly("r4", "r1");
        assertThat(list(r -> r.startTimeFilter(since(0)).tagFilter(f -> f.tag("blue"))))
                .containsExactly("r3", "r1");
    }

    @Test
    void returnsTheStoredExecutionInfos() {
        ListClosedWorkflowExecutionsResponse response = store.listClosed(ListClosedWorkflowExecutionsRequest.builder()
                .domain("d")
                .startTimeFilter(between(10, 10))
                .build());

        assertThat(response.executionInfos())
                .containsExactly(closed(open("d", "w1", "r1", 10, "blue"), CloseStatus.COMPLETED, 100)
                        .info());
        assertThat(response.nextPageToken()).isNull();
    }

    @Test
    void pagesThroughEveryMatchWithATokenOnlyWhileMoreRemain() {
        assertThat(pages(false, 3)).containsExactly(List.of("r4", "r3", "r2"), List.of("r1"));
        assertThat(pages(true, 2)).containsExactly(List.of("r1", "r2"), List.of("r3", "r4"));
        assertThat(pages(false, 4)).containsExactly(List.of("r4", "r3", "r2", "r1"));
    }

    @Test
    void pagesHoldAThousandWhenNoSizeIsAsked() throws Exception {
        List<Change> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(put(closed(open("many", "w" + i, "m" + i, 1000 + i), CloseStatus.COMPLETED, 5000)));
        }
        store.submit(many).get(30, TimeUnit.SECONDS);

        ListClosedWorkflowExecutionsResponse first = store.listClosed(ListClosedWorkflowExecutionsRequest.builder()
                .domain("many")
                .startTimeFilter(since(0))
                .build());
        ListClosedWorkflowExecutionsResponse second = store.listClosed(ListClosedWorkflowExecutionsRequest.builder()
                .domain("many")
                .startTimeFilter(since(0))
                .maximumPageSize(0)
                .nextPageToken(first.nextPageToken())
                .build());

        assertThat(first.executionInfos()).hasSize(1000);
        assertThat(second.executionInfos())
                .extracting(i -> i.execution().runId())
                .containsExactly("m0");
        assertThat(second.nextPageToken()).isNull();
    }

    @Test
    void aTokenThisStoreDidNotMakeIsAValidationFault() {
        assertThatThrownBy(() -> list(r -> r.startTimeFilter(since(0)).nextPageToken("not a token")))
                .isInstanceOf(SwfException.class)
                .hasMessageContaining("nextPageToken");
    }

    @Test
    void countsWithTheSameFiltersAndIsNeverTruncated() {
        assertThat(count(r -> r.startTimeFilter(since(0)))).isEqualTo(4);
        assertThat(count(r -> r.closeTimeFilter(between(60, 80)))).isEqualTo(2);
        assertThat(count(r -> r.startTimeFilter(since(0)).tagFilter(f -> f.tag("red"))))
                .isEqualTo(2);
        assertThat(count(r -> r.startTimeFilter(since(0)).typeFilter(f -> f.name("invoice"))))
                .isEqualTo(1);
        assertThat(store.countClosed(CountClosedWorkflowExecutionsRequest.builder()
                                .domain("none")
                                .startTimeFilter(since(0))
                                .build())
                        .truncated())
                .isFalse();
    }

    private List<String> list(Consumer<ListClosedWorkflowExecutionsRequest.Builder> filters) {
        ListClosedWorkflowExecutionsRequest.Builder request =
                ListClosedWorkflowExecutionsRequest.builder().domain("d");
        filters.accept(request);
        return runIds(store.listClosed(request.build()));
    }

    private int count(Consumer<CountClosedWorkflowExecutionsRequest.Builder> filters) {
        CountClosedWorkflowExecutionsRequest.Builder request =
                CountClosedWorkflowExecutionsRequest.builder().domain("d");
        filters.accept(request);
        return store.countClosed(request.build()).count();
    }

    private List<List<String>> pages(boolean reverse, int size) {
        List<List<String>> pages = new ArrayList<>();
        String token = null;
        do {
            ListClosedWorkflowExecutionsResponse page = store.listClosed(ListClosedWorkflowExecutionsRequest.builder()
                    .domain("d")
                    .startTimeFilter(since(0))
                    .reverseOrder(reverse)
                    .maximumPageSize(size)
                    .nextPageToken(token)
                    .build());
            pages.add(runIds(page));
            token = page.nextPageToken();
        } while (token != null);
        return pages;
    }

    private static List<String> runIds(ListClosedWorkflowExecutionsResponse response) {
        return response.executionInfos().stream()
                .map(WorkflowExecutionInfo::execution)
                .map(execution -> execution.runId())
                .toList();
    }

    private static Change put(ExecutionRecord execution) {
        return new ExecutionPut(execution);
    }

    private static ExecutionTimeFilter since(long second) {
        return ExecutionTimeFilter.builder().oldestDate(at(second)).build();
    }

    private static ExecutionTimeFilter between(long oldest, long latest) {
        return ExecutionTimeFilter.builder()
                .oldestDate(at(oldest))
                .latestDate(at(latest))
                .build();
    }
}
