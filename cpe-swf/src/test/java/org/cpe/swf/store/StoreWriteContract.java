package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.cpe.swf.store.Records.closed;
import static org.cpe.swf.store.Records.domain;
import static org.cpe.swf.store.Records.events;
import static org.cpe.swf.store.Records.open;
import static org.cpe.swf.store.Records.withCounts;
import static org.cpe.swf.store.Records.workflowType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cpe.swf.store.Change.DomainPut;
import org.cpe.swf.store.Change.EventsAppended;
import org.cpe.swf.store.Change.ExecutionPut;
import org.cpe.swf.store.Change.HeartbeatPut;
import org.cpe.swf.store.Change.TypePut;
import org.cpe.swf.store.Recovered.Heartbeat;
import org.cpe.swf.store.Recovered.OpenExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.CloseStatus;

/** What every database under the store must do with writes: keep them, in order, across restarts and failures. */
abstract class StoreWriteContract {

    StoreFixture fixture;

    abstract StoreFixture newFixture();

    @BeforeEach
    void createDatabase() {
        fixture = newFixture();
    }

    @AfterEach
    void dropDatabase() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static void write(SwfStore store, Change... changes) throws Exception {
        store.submit(List.of(changes)).get(10, TimeUnit.SECONDS);
    }

    /** Flyway quotes its names, lower case on both databases; on H2 it adds a row for the table's creation. */
    @Test
    void migratesAFreshDatabaseAndReopensWithoutMigratingAgain() throws Exception {
        fixture.open().close();
        try (SwfStore store = fixture.open()) {
            assertThat(store.recover()).isEqualTo(new Recovered(List.of(), List.of(), List.of()));
        }
        try (Connection connection = fixture.connect();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT \"version\", \"success\" FROM \"" + StoreDatabase.HISTORY_TABLE
                                + "\" WHERE \"type\" = 'SQL'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("1");
            assertThat(rows.getBoolean(2)).isTrue();
            assertThat(rows.next()).as("one migration, applied once").isFalse();
        }
    }

    @Test
    void recoversDomainsTypesAndOpenExecutionsWithEventsInOrderAndLastHeartbeats() throws Exception {
        ExecutionRecord first = open("d", "w1", "r1", 1, "blue");
        ExecutionRecord second = withCounts(open("d", "w2", "r2", 2), 2, "context");
        try (SwfStore store = fixture.open()) {
            write(store, new DomainPut(domain("d")), new TypePut(workflowType("d", "order", "1")));
            write(store, new ExecutionPut(first), new EventsAppended("r1", events(1, 3)));
            write(store, new ExecutionPut(second), new EventsAppended("r2", events(1, 2)));
            write(
                    store,
                    new EventsAppended("r1", events(4, 5)),
                    new HeartbeatPut("r1", 2, "10%", Records.at(10)),
                    new HeartbeatPut("r1", 2, "50%", Records.at(11)),
                    new HeartbeatPut("r1", 3, null, Records.at(12)));

            Recovered recovered = store.recover();

            assertThat(recovered.domains()).containsExactly(domain("d"));
            assertThat(recovered.types()).containsExactly(workflowType("d", "order", "1"));
            assertThat(recovered.openExecutions())
                    .containsExactly(
                            new OpenExecution(
                                    first,
                                    events(1, 5),
                                    List.of(
                                            new Heartbeat(2, "50%", Records.at(11)),
                                            new Heartbeat(3, null, Records.at(12)))),
                            new OpenExecution(second, events(1, 2), List.of()));
        }
    }

    @Test
    void aClosedExecutionLeavesRecoveryAndLosesItsHeartbeatsButKeepsItsHistory() throws Exception {
        ExecutionRecord run = open("d", "w1", "r1", 1);
        try (SwfStore store = fixture.open()) {
            write(store, new ExecutionPut(run), new EventsAppended("r1", events(1, 2)));
            write(store, new HeartbeatPut("r1", 2, "half", Records.at(5)));
            write(store, new ExecutionPut(closed(run, CloseStatus.COMPLETED, 9)));

            assertThat(store.recover().openExecutions()).isEmpty();
            assertThat(store.execution("d", "w1", "r1")).contains(closed(run, CloseStatus.COMPLETED, 9));
            assertThat(store.history("r1")).isEqualTo(events(1, 2));
            try (Connection connection = fixture.connect();
                    ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM swf_heartbeats")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @Test
    void readsOneExecutionByItsFullKeyOnly() throws Exception {
        ExecutionRecord run = withCounts(open("d", "w1", "r1", 1, "a", "b"), 3, "ctx");
        try (SwfStore store = fixture.open()) {
            write(store, new ExecutionPut(run));

            assertThat(store.execution("d", "w1", "r1")).contains(run);
            assertThat(store.execution("other", "w1", "r1")).isEmpty();
            assertThat(store.execution("d", "w2", "r1")).isEmpty();
            assertThat(store.history("r1")).isEmpty();
        }
    }

    @Test
    void concurrentSubmissionsAreAllDurableInOrderAndTheLastPutWins() throws Exception {
        int threads = 32;
        int rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SwfStore store = fixture.open()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String runId = "run-" + t;
                writers.add(pool.submit(() -> {
                    ExecutionRecord run = open("d", "w-" + runId, runId, 1);
                    start.await();
                    CompletableFuture<Void> last = null;
                    for (int round = 1; round <= rounds; round++) {
                        // Not waiting between rounds: only FIFO order makes the last put win.
                        last = store.submit(List.of(
                                new ExecutionPut(withCounts(run, round, "round " + round)),
                                new EventsAppended(runId, events(round, round))));
                    }
                    return last.get(60, TimeUnit.SECONDS);
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (SwfStore reopened = fixture.open()) {
            List<OpenExecution> open = reopened.recover().openExecutions();
            assertThat(open).hasSize(threads);
            for (OpenExecution execution : open) {
                assertThat(execution.execution().latestExecutionContext()).isEqualTo("round " + rounds);
                assertThat(execution.events()).isEqualTo(events(1, rounds));
            }
        }
    }

    @Test
    void aReopenedStoreReturnsEverythingWritten() throws Exception {
        ExecutionRecord running = open("d", "w1", "r1", 1);
        ExecutionRecord done = closed(open("d", "w2", "r2", 2), CloseStatus.FAILED, 3);
        try (SwfStore store = fixture.open()) {
            write(store, new DomainPut(domain("d")), new TypePut(workflowType("d", "order", "1")));
            write(store, new ExecutionPut(running), new EventsAppended("r1", events(1, 4)));
            write(store, new ExecutionPut(done), new EventsAppended("r2", events(1, 2)));
        }
        try (SwfStore store = fixture.open()) {
            Recovered recovered = store.recover();
            assertThat(recovered.domains()).containsExactly(domain("d"));
            assertThat(recovered.types()).hasSize(1);
            assertThat(recovered.openExecutions()).containsExactly(new OpenExecution(running, events(1, 4), List.of()));
            assertThat(store.execution("d", "w2", "r2")).contains(done);
            assertThat(store.history("r2")).isEqualTo(events(1, 2));
        }
    }

    @Test
    void failureIsReportedWhileWritesFailAndTheSameChangesAreWrittenWhenTheDatabaseComesBack() throws Exception {
        try (SwfStore store = fixture.open()) {
            write(store, new ExecutionPut(open("d", "w1", "r1", 1)));
            fixture.execute("ALTER TABLE swf_history_events RENAME TO swf_history_events_away");

            CompletableFuture<Void> pending = store.submit(List.of(new EventsAppended("r1", events(1, 3))));
            await().atMost(Duration.ofSeconds(10)).until(() -> store.failure().isPresent());
            assertThat(store.failure().orElseThrow()).containsIgnoringCase("swf_history_events");
            assertThat(pending).isNotDone();

            fixture.execute("ALTER TABLE swf_history_events_away RENAME TO swf_history_events");
            pending.get(20, TimeUnit.SECONDS);
            assertThat(store.failure()).isEmpty();
            assertThat(store.history("r1")).isEqualTo(events(1, 3));
        }
    }

    @Test
    void theFailureListenerHearsWhenWritesFailAndWhenTheyWorkAgain() throws Exception {
        try (SwfStore store = fixture.open()) {
            List<java.util.Optional<String>> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            store.onFailureChange(heard::add);
            write(store, new ExecutionPut(open("d", "w1", "r1", 1)));
            fixture.execute("ALTER TABLE swf_history_events RENAME TO swf_history_events_away");
            CompletableFuture<Void> pending = store.submit(List.of(new EventsAppended("r1", events(1, 3))));
            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
            fixture.execute("ALTER TABLE swf_history_events_away RENAME TO swf_history_events");
            pending.get(20, TimeUnit.SECONDS);

            assertThat(heard).hasSize(2);
            assertThat(heard.get(0).orElseThrow()).containsIgnoringCase("swf_history_events");
            assertThat(heard.get(1)).isEmpty();
        }
    }

    @Test
    void aSubmissionTheDatabaseRefusesForItsDataFailsAloneAndTheOthersAreWritten() throws Exception {
        try (SwfStore store = fixture.open()) {
            write(store, new ExecutionPut(open("d", "w1", "r1", 1)));
            // Queued together, so that they share a batch: the refused one must not hold up the others.
            CompletableFuture<Void> before = store.submit(List.of(new EventsAppended("r1", events(1, 2))));
            CompletableFuture<Void> refused =
                    store.submit(List.of(new ExecutionPut(open("d", "w".repeat(300), "r2", 2))));
            CompletableFuture<Void> after = store.submit(List.of(new EventsAppended("r1", events(3, 4))));

            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SwfStoreException.class)
                    .hasMessageContaining("refused");
            before.get(10, TimeUnit.SECONDS);
            after.get(10, TimeUnit.SECONDS);
            assertThat(store.failure()).isEmpty();
            assertThat(store.history("r1")).isEqualTo(events(1, 4));
            assertThat(store.execution("d", "w".repeat(300), "r2")).isEmpty();
            write(store, new EventsAppended("r1", events(5, 5)));
            assertThat(store.history("r1")).isEqualTo(events(1, 5));
        }
    }

    @Test
    void closingWhileWritesFailFailsTheWaitingSubmissionsAndLaterOnes() {
        SwfStore store = fixture.open();
        fixture.execute("ALTER TABLE swf_history_events RENAME TO swf_history_events_away");
        CompletableFuture<Void> pending = store.submit(List.of(new EventsAppended("r1", events(1, 1))));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.failure().isPresent());

        store.close();

        assertThat(pending).isCompletedExceptionally();
        assertThat(store.submit(List.of())).isCompletedExceptionally();
        assertThatThrownBy(() -> store.history("r1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void timestampsAreKeptToTheMillisecond() throws Exception {
        Instant precise = Instant.parse("2025-03-04T05:06:07.123456789Z");
        try (SwfStore store = fixture.open()) {
            write(store, new ExecutionPut(open("d", "w1", "r1", 1)), new HeartbeatPut("r1", 2, "x", precise));
            assertThat(store.recover().openExecutions().get(0).heartbeats())
                    .containsExactly(new Heartbeat(2, "x", Instant.parse("2025-03-04T05:06:07.123Z")));
        }
    }
}
