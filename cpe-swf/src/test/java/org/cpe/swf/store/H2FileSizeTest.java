package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpe.swf.store.Records.at;
import static org.cpe.swf.store.Records.events;
import static org.cpe.swf.store.Records.open;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cpe.swf.store.Change.EventsAppended;
import org.cpe.swf.store.Change.ExecutionPut;
import org.cpe.swf.store.Change.HeartbeatPut;
import org.junit.jupiter.api.Test;

/**
 * The H2 file stays in proportion to its data under a stream of small commits. Every commit appends a chunk to the
 * MVStore file; before the store freed and compacted superseded chunks itself (H2's background thread, which would,
 * is off with WRITE_DELAY 0), this test left a 78 MB file (2 % of it live); now about 7 MB.
 */
class H2FileSizeTest {

    /** About four seconds of commits on the 2-core machine, so that the once-a-second compactor runs a few times. */
    private static final int COMMITS = 4_000;

    private static final long MAX_FILE_BYTES = 32L << 20;

    @Test
    void aStreamOfSmallCommitsLeavesAFileInProportionToItsData() throws Exception {
        try (StoreFixture fixture = StoreFixture.h2()) {
            JdbcSwfStore store = fixture.open();
            // Runs open for the whole test, each commit adding an event to one and replacing a heartbeat of another:
            // superseded pages all over the file, as the engine's commits leave them.
            int runs = 50;
            for (int r = 0; r < runs; r++) {
                write(store, new ExecutionPut(open("d", "w" + r, "r" + r, r)));
            }
            for (int i = 0; i < COMMITS; i++) {
                String run = "r" + (i % runs);
                long eventId = i / runs + 1;
                write(
                        store,
                        new EventsAppended(run, events(eventId, eventId)),
                        new HeartbeatPut("r" + ((i + 7) % runs), 1, "beat " + i, at(i)));
            }
            long fileBytes = Files.size(Path.of(fixture.url().substring("jdbc:h2:file:".length()) + ".mv.db"));
            assertThat(fileBytes)
                    .as("the H2 file after %d small commits (chunks: %s)", COMMITS, chunks(fixture))
                    .isLessThan(MAX_FILE_BYTES);
            assertThat(store.history("r0")).hasSize(COMMITS / runs);
        }
    }

    private static void write(SwfStore store, Change... changes) throws Exception {
        store.submit(List.of(changes)).get(10, TimeUnit.SECONDS);
    }

    private static String chunks(StoreFixture fixture) throws Exception {
        try (Connection connection = fixture.connect();
                Statement statement = connection.createStatement();
                ResultSet settings = statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE"
                        + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN"
                        + " ('info.CHUNK_COUNT', 'info.CHUNKS_FILL_RATE', 'info.FILE_WRITE')")) {
            StringBuilder text = new StringBuilder();
            while (settings.next()) {
                text.append(settings.getString(1).substring("info.".length()))
                        .append('=')
                        .append(settings.getString(2))
                        .append(' ');
            }
            return text.toString().trim();
        }
    }
}
