package org.cpe.swf.store;

import java.sql.SQLException;

/** What a failed write's exception says: whether the database refused the rows for good, and a one-line name. */
final class SqlFailures {

    private SqlFailures() {}

    /**
     * Whether the database refused the rows themselves (SQLState class 22, a data exception such as a value too long
     * or a character it cannot store, or 23, an integrity constraint), which no retry can change; not a lost
     * connection, a timeout or a conflict.
     */
    static boolean refusedForGood(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || state.startsWith("23");
            }
        }
        return false;
    }

    /** The exception's type, SQLState and message, for logs and for the calls it fails. */
    static String describe(Exception e) {
        String state = e instanceof SQLException sql && sql.getSQLState() != null
                ? " (SQLState " + sql.getSQLState() + ")"
                : "";
        return e.getClass().getSimpleName() + state + ": " + e.getMessage();
    }
}
