package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.cpe.swf.files.OwnerOnly;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;

/**
 * The store in a JDBC database: H2 in file mode ({@code jdbc:h2:file:/path/swf}) embedded by default, PostgreSQL
 * ({@code jdbc:postgresql://host:5432/db}) by URL. Its schema is migrated on open, and an H2 file's journal replayed
 * (see {@link StoreJournal}). Writes go through one group-commit writer thread; reads use a small pool of their own connections. Thread-safe. The futures of {@link #submit} complete
 * on the writer thread: stages that block must be attached with the async variants.
 */
public final class JdbcSwfStore implements SwfStore {

    private static final int READ_CONNECTIONS = 4;

    private final GroupCommitWriter writer;
    private final ReadPool reads;

    private JdbcSwfStore(GroupCommitWriter writer, ReadPool reads) {
        this.writer = writer;
        this.reads = reads;
    }

    /**
     * Opens the store, creating or migrating its schema first.
     *
     * @param user may be null or empty when the URL carries it or the database needs none
     * @throws SwfStoreException when the database cannot be reached or migrated
     */
    public static JdbcSwfStore open(String jdbcUrl, String user, String password) {
        StoreDatabase database = new StoreDatabase(jdbcUrl, user, password);
        Connection writerConnection = null;
        try {
            // Opened first and kept: it holds an embedded H2 database open across Flyway's own connections.
            writerConnection = database.connect();
            Optional<Dialect.LocalFile> local = database.dialect().prepareWriter(writerConnection);
            // H2 made the file as the umask says; the workflows' inputs and results in it are for the server only.
            local.ifPresent(file -> OwnerOnly.tighten(file.file()));
            database.migrate();
            if (local.isPresent()) {
                JournalReplay.replay(writerConnection, local.get(), database.dialect());
            }
            return new JdbcSwfStore(
                    new GroupCommitWriter(database, writerConnection, local), new ReadPool(database, READ_CONNECTIONS));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writerConnection, e);
            throw new SwfStoreException(
                    "Opening the SWF store at " + StoreDatabase.redact(jdbcUrl) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Recovered recover() {
        return reads.read("the open executions", RecoveryReader::read);
    }

    /** Never throws: changes the JSON codec cannot write fail the returned future instead. */
    @Override
    public CompletableFuture<Void> submit(List<Change> changes) {
        List<Row> rows;
        try {
            rows = ChangeRows.of(changes);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return writer.submit(rows);
    }

    @Override
    public Optional<ExecutionRecord> execution(String domain, String workflowId, String runId) {
        return reads.read(
                "execution " + runId, connection -> ExecutionReader.execution(connection, domain, workflowId, runId));
    }

    @Override
    public List<HistoryEvent> history(String runId) {
        return reads.read("the history of " + runId, connection -> ExecutionReader.history(connection, runId));
    }

    @Override
    public ListClosedWorkflowExecutionsResponse listClosed(ListClosedWorkflowExecutionsRequest request) {
        return reads.read("closed executions", connection -> ClosedQuery.list(connection, request));
    }

    @Override
    public CountClosedWorkflowExecutionsResponse countClosed(CountClosedWorkflowExecutionsRequest request) {
        return reads.read("the count of closed executions", connection -> ClosedQuery.count(connection, request));
    }

    @Override
    public Optional<String> failure() {
        return writer.failure();
    }

    @Override
    public void onFailureChange(java.util.function.Consumer<Optional<String>> listener) {
        writer.onFailureChange(listener);
    }

    @Override
    public void close() {
        writer.close();
        reads.close();
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
