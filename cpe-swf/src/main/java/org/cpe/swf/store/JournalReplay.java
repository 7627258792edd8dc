package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At open, before anything reads the store: applies what an embedded file's journal holds from a process that
 * stopped before its last checkpoint, then has the database write its file and deletes the journal.
 */
final class JournalReplay {

    private static final Logger LOG = Logger.getLogger(JournalReplay.class.getName());
    /** Journal records applied per transaction. */
    private static final int RECORDS_PER_COMMIT = 500;

    private JournalReplay() {}

    /**
     * Applies the journal of {@code local} on {@code connection}, in order. Rows the database refuses for good (it
     * refused them when they were first written, and that call failed) are skipped with a warning.
     */
    static void replay(Connection connection, Dialect.LocalFile local, Dialect dialect) throws SQLException {
        BatchWriter writer = new BatchWriter(dialect);
        List<List<Row>> records = new ArrayList<>();
        int[] skipped = {0};
        connection.setAutoCommit(false);
        try (StoreJournal journal = StoreJournal.open(local.journalFolder())) {
            int replayed = journal.replay(rows -> {
                records.add(rows);
                if (records.size() == RECORDS_PER_COMMIT) {
                    skipped[0] += apply(connection, writer, records);
                }
            });
            skipped[0] += apply(connection, writer, records);
            // Also writes the schema a migration just made, which no journal holds.
            local.checkpoint().run();
            if (replayed > 0) {
                LOG.info(() -> "SWF store: replayed " + replayed + " journaled batch(es) not yet in "
                        + local.journalFolder().getFileName() + "'s database file"
                        + (skipped[0] > 0 ? ", skipping " + skipped[0] + " the database refused" : ""));
            }
            journal.deleteBefore(Long.MAX_VALUE);
        } catch (UncheckedSqlException e) {
            throw e.getCause();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Commits the records in one transaction, or one by one when the database refuses some; how many it refused. */
    private static int apply(Connection connection, BatchWriter writer, List<List<Row>> records) {
        if (records.isEmpty()) {
            return 0;
        }
        List<Row> rows = new ArrayList<>();
        records.forEach(rows::addAll);
        int refused = 0;
        try {
            try {
                writeAndCommit(connection, writer, rows);
            } catch (SQLException e) {
                if (!SqlFailures.refusedForGood(e)) {
                    throw e;
                }
                for (List<Row> record : records) {
                    try {
                        writeAndCommit(connection, writer, record);
                    } catch (SQLException again) {
                        if (!SqlFailures.refusedForGood(again)) {
                            throw again;
                        }
                        refused++;
                        LOG.log(Level.WARNING, "SWF store: a journaled batch the database refuses was skipped", again);
                    }
                }
            }
        } catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
        records.clear();
        return refused;
    }

    private static void writeAndCommit(Connection connection, BatchWriter writer, List<Row> rows) throws SQLException {
        try {
            writer.write(connection, CoalescedBatch.of(rows), true);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Carries an SQLException out of a journal replay's callback. */
    private static final class UncheckedSqlException extends RuntimeException {
        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
