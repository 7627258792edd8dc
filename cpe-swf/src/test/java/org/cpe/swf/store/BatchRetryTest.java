package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cpe.swf.store.Records.events;
import static org.cpe.swf.store.Records.open;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.cpe.swf.store.Change.EventsAppended;
import org.cpe.swf.store.Change.ExecutionPut;
import org.cpe.swf.store.Change.HeartbeatPut;
import org.junit.jupiter.api.Test;

/**
 * A commit can fail after reaching the database (a lost connection, a full disk while H2 writes its file); the
 * writer then retries the same rows, which must not fail on what the first attempt left behind.
 */
class BatchRetryTest {

    @Test
    void aRetryRewritesWhatAFailedAttemptMayHaveCommittedOnH2() throws Exception {
        try (StoreFixture fixture = StoreFixture.h2()) {
            writeTwice(fixture);
        }
    }

    @Test
    void aRetryRewritesWhatAFailedAttemptMayHaveCommittedOnPostgresql() throws Exception {
        try (StoreFixture fixture = StoreFixture.postgres()) {
            writeTwice(fixture);
        }
    }

    private static void writeTwice(StoreFixture fixture) throws SQLException {
        fixture.open().close();
        CoalescedBatch batch = CoalescedBatch.of(ChangeRows.of(List.of(
                new ExecutionPut(open("d", "w1", "r1", 1, "blue", "red")),
                new EventsAppended("r1", events(1, 3)),
                new HeartbeatPut("r1", 2, "half", Records.at(4)))));
        BatchWriter writer = new BatchWriter(Dialect.of(fixture.url()));
        try (Connection connection = fixture.connect()) {
            writer.write(connection, batch, false);

            assertThatThrownBy(() -> writer.write(connection, batch, false))
                    .as("a first attempt inserts events plainly")
                    .isInstanceOf(SQLException.class);
            writer.write(connection, batch, true);
        }
        try (SwfStore store = fixture.open()) {
            assertThat(store.history("r1")).isEqualTo(events(1, 3));
            assertThat(store.recover().openExecutions().get(0).heartbeats()).hasSize(1);
        }
    }
}
