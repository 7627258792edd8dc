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
import java.util.concurrent.locks.LockSupport;
import org.cpe.swf.store.Change.EventsAppended;
import org.cpe.swf.store.Change.ExecutionPut;
import org.cpe.swf.store.Change.HeartbeatPut;
import org.junit.jupiter.api.Test;

/**
 * Under a steady stream of small commits the H2 file keeps few chunks, not one per commit. The commits go to the
 * store's journal and H2 writes its file once per checkpoint (a second), so a chunk holds a second of commits and its
 * pages die together. The test shortens H2's retention period (45 s by default) to 2 s through the URL, so that a few
 * seconds show what a server sees after a minute. Measured on the 2-core machine: 12 chunks and an 8.6 MB file after
 * 6,000 commits. With a chunk per commit (WRITE_DELAY 0, as before the journal) it kept 3,996 chunks and 146 MB, and
 * 1,816 chunks and 80 MB with a compactor thread rewriting the emptiest ones once a second.
 */
class H2FileSizeTest {

    private static final int COMMITS = 6_000;

    /** The pace of the stream: with 2 s of retention, about 1,000 chunks are young enough to be kept. */
    private static final int COMMITS_PER_SECOND = 500;

    @Test
    void aSteadyStreamOfSmallCommitsKeepsFewChunks() throws Exception {
        try (StoreFixture fixture = StoreFixture.h2()) {
            JdbcSwfStore store = JdbcSwfStore.open(fixture.url() + ";RETENTION_TIME=2000", null, null);
            try {
                // As the engine's commits: a new run with its first events, more events of the run before it, and
                // the heartbeat of an older one. Appends fill leaves that stay live in their chunks for good.
                long begin = System.nanoTime();
                for (int i = 0; i < COMMITS; i++) {
                    LockSupport.parkNanos(begin + i * (1_000_000_000L / COMMITS_PER_SECOND) - System.nanoTime());
                    String run = String.format("r%08d", i);
                    write(
                            store,
                            new ExecutionPut(open("d", "w" + i, run, i)),
                            new EventsAppended(run, events(1, 2)),
                            new EventsAppended(
                                    String.format("r%08d", Math.max(0, i - 1)), events(3 + i % 2, 3 + i % 2)),
                            new HeartbeatPut(String.format("r%08d", i / 2), 1, "beat " + i, at(i)));
                }
                long fileBytes = Files.size(Path.of(fixture.url().substring("jdbc:h2:file:".length()) + ".mv.db"));
                String chunks = setting(fixture, "info.CHUNK_COUNT");
                assertThat(Long.parseLong(chunks))
                        .as("chunks kept after %d commits (file %d bytes)", COMMITS, fileBytes)
                        .isLessThan(COMMITS / 60);
                assertThat(store.history(String.format("r%08d", COMMITS - 1))).hasSize(2);
            } finally {
                store.close();
            }
        }
    }

    private static void write(SwfStore store, Change... changes) throws Exception {
        store.submit(List.of(changes)).get(10, TimeUnit.SECONDS);
    }

    private static String setting(StoreFixture fixture, String name) throws Exception {
        try (Connection connection = fixture.connect();
                Statement statement = connection.createStatement();
                ResultSet settings = statement.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = '" + name + "'")) {
            assertThat(settings.next()).as("H2 reports %s", name).isTrue();
            return settings.getString(1);
        }
    }
}
