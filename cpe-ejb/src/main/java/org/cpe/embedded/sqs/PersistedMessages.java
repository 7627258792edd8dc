package org.cpe.embedded.sqs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Counts the messages ElasticMQ has persisted per queue, read from its H2 database before ElasticMQ opens it, so
 * that startup can wait until the asynchronous restore has put them all back.
 *
 * <p>This reads ElasticMQ 1.7.1's own layout, one table {@code MESSAGE_<QUEUE NAME>_<8 hex digits>} per queue. A
 * queue whose table is not found counts zero, so a different layout only shortens the wait to queue creation.
 */
final class PersistedMessages {

    private PersistedMessages() {}

    /** Message counts by queue name; empty when there is no database yet. */
    static Map<String, Long> count(Path databaseFile, Collection<String> queues) {
        Map<String, Long> counts = new HashMap<>();
        if (!Files.exists(databaseFile.resolveSibling(databaseFile.getFileName() + ".mv.db"))) {
            return counts;
        }
        // The driver itself, not DriverManager: in a server DriverManager does not see drivers of the application.
        try (Connection db = new org.h2.Driver().connect("jdbc:h2:" + databaseFile, new Properties());
                Statement statement = db.createStatement();
                ResultSet tables = statement.executeQuery(
                        "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'MESSAGE\\_%'")) {
            Map<String, String> tableOfQueue = new HashMap<>();
            while (tables.next()) {
                String table = tables.getString(1);
                for (String queue : queues) {
                    if (tablePattern(queue).matcher(table).matches()) {
                        tableOfQueue.put(queue, table);
                    }
                }
            }
            for (Map.Entry<String, String> entry : tableOfQueue.entrySet()) {
                try (Statement count = db.createStatement();
                        ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM \"" + entry.getValue() + "\"")) {
                    rows.next();
                    counts.put(entry.getKey(), rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the embedded SQS database " + databaseFile + ": " + e.getMessage(), e);
        }
        return counts;
    }

    private static Pattern tablePattern(String queue) {
        String name = queue.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        return Pattern.compile("MESSAGE_" + Pattern.quote(name) + "_[0-9A-F]{8}");
    }
}
