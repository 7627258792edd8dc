package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpe.swf.store.Records.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cpe.swf.store.Change.EventsAppended;
import org.cpe.swf.store.Row.DomainRow;
import org.cpe.swf.store.Row.EventRow;
import org.cpe.swf.store.Row.ExecutionRow;
import org.cpe.swf.store.Row.HeartbeatRow;
import org.cpe.swf.store.Row.TypeRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's records, segments and what a replay reads back, including after a write cut short. */
class StoreJournalTest {

    @TempDir
    Path dir;

    private static final List<Row> EVERY_KIND = List.of(
            new DomainRow("d", "REGISTERED", "{\"name\":\"d\"}", "{}"),
            new TypeRow("WORKFLOW", "d", "t", "1", "REGISTERED", 5L, null, "{\"i\":1}", null),
            new ExecutionRow(
                    "r1",
                    "d",
                    "w1",
                    "t",
                    "1",
                    "CLOSED",
                    "COMPLETED",
                    10L,
                    20L,
                    true,
                    List.of("a", "ünïcode ✓"),
                    "{\"record\":\"x\"}"),
            new EventRow("r1", 1, "{\"e\":\"\\u0000 and 𝄞\"}"),
            new EventRow("r1", 2, ""),
            new HeartbeatRow("r2", 7, null, null),
            new HeartbeatRow("r2", 8, "details", 30L));

    @Test
    void aReplayReadsBackEveryKindOfRowAndEveryNullAsWritten() {
        try (StoreJournal journal = StoreJournal.open(dir)) {
            journal.append(CoalescedBatch.of(EVERY_KIND));
            journal.append(CoalescedBatch.of(List.of(new EventRow("r3", 1, "{}"))));
        }
        List<List<Row>> read = replayAll();
        assertThat(read).hasSize(2);
        assertThat(read.get(0)).containsExactlyElementsOf(EVERY_KIND);
        assertThat(read.get(1)).containsExactly(new EventRow("r3", 1, "{}"));
    }

    @Test
    void aRecordCutShortEndsItsSegmentButNotTheReplay() throws IOException {
        try (StoreJournal journal = StoreJournal.open(dir)) {
            journal.append(batchOf("r1"));
            journal.append(batchOf("r2"));
            assertThat(journal.rotate()).isEqualTo(2);
            journal.append(batchOf("r3"));
        }
        Path first = segments().get(0);
        byte[] bytes = Files.readAllBytes(first);
        // A crash in the middle of the second record's write: only its first bytes reached the file.
        int firstRecord = bytes.length / 2;
        Files.write(first, Arrays.copyOf(bytes, firstRecord + 6), StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(runIds(replayAll())).containsExactly("r1", "r3");
    }

    @Test
    void aDamagedRecordIsNotReplayed() throws IOException {
        try (StoreJournal journal = StoreJournal.open(dir)) {
            journal.append(batchOf("r1"));
            journal.append(batchOf("r2"));
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(segment, bytes);
        assertThat(runIds(replayAll())).containsExactly("r1");
    }

    @Test
    void rotationsNumberTheSegmentsAndACheckpointDeletesTheOlderOnes() throws IOException {
        try (StoreJournal journal = StoreJournal.open(dir)) {
            assertThat(journal.rotate()).as("nothing appended yet").isEqualTo(-1);
            journal.append(batchOf("r1"));
            long keep = journal.rotate();
            assertThat(journal.rotate()).as("nothing appended since").isEqualTo(-1);
            journal.append(batchOf("r2"));
            assertThat(segments()).hasSize(2);
            journal.deleteBefore(keep);
            assertThat(segments()).hasSize(1);
        }
        assertThat(runIds(replayAll())).containsExactly("r2");
        try (StoreJournal reopened = StoreJournal.open(dir)) {
            reopened.append(batchOf("r3"));
        }
        assertThat(runIds(replayAll()))
                .as("a reopened journal appends after what it found")
                .containsExactly("r2", "r3");
    }

    @Test
    void anOpeningStoreReplaysTheJournalSkippingABatchTheDatabaseRefuses() throws IOException {
        try (StoreFixture fixture = StoreFixture.h2()) {
            Path folder = Path.of(fixture.url().substring("jdbc:h2:file:".length()) + ".journal");
            List<Row> refused = new ArrayList<>(ChangeRows.of(List.of(new EventsAppended("r2", events(1, 1)))));
            // A version longer than the column's 64 characters: H2 refuses the whole batch (SQLState 22001).
            refused.add(new TypeRow("WORKFLOW", "d", "t", "v".repeat(65), "REGISTERED", 1L, null, "{}", null));
            try (StoreJournal journal = StoreJournal.open(folder)) {
                journal.append(CoalescedBatch.of(ChangeRows.of(List.of(new EventsAppended("r1", events(1, 2))))));
                journal.append(CoalescedBatch.of(refused));
                journal.append(CoalescedBatch.of(ChangeRows.of(List.of(new EventsAppended("r3", events(1, 3))))));
            }

            SwfStore store = fixture.open();

            assertThat(store.history("r1")).hasSize(2);
            assertThat(store.history("r2")).as("the refused batch's other rows").isEmpty();
            assertThat(store.history("r3")).hasSize(3);
            try (Stream<Path> left = Files.list(folder)) {
                assertThat(left.toList()).as("segments left after the replay").isEmpty();
            }
        }
    }

    private List<List<Row>> replayAll() {
        List<List<Row>> read = new ArrayList<>();
        try (StoreJournal journal = StoreJournal.open(dir)) {
            journal.replay(read::add);
        }
        return read;
    }

    private static CoalescedBatch batchOf(String runId) {
        return CoalescedBatch.of(List.of(new EventRow(runId, 1, "{\"padding\":\"" + "x".repeat(40) + "\"}")));
    }

    private static List<String> runIds(List<List<Row>> records) {
        return records.stream()
                .flatMap(List::stream)
                .map(row -> ((EventRow) row).runId())
                .toList();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
