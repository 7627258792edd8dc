package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database is told by its URL, and each gets its own upsert. */
class DialectTest {

    @Test
    void knowsH2AndPostgresqlByUrlAndNothingElse() {
        assertThat(Dialect.of("jdbc:h2:file:/tmp/swf")).isEqualTo(Dialect.H2);
        assertThat(Dialect.of("jdbc:postgresql://127.0.0.1:5432/test")).isEqualTo(Dialect.POSTGRESQL);
        assertThatThrownBy(() -> Dialect.of("jdbc:mysql://localhost/swf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2:")
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void anH2FileHasItsJournalBesideIt() {
        assertThat(Dialect.journalFolder("/data/swf/swf.mv.db")).isEqualTo(Path.of("/data/swf/swf.journal"));
        assertThat(Dialect.journalFolder("split:nio:/data/swf.mv.db")).isEqualTo(Path.of("/data/swf.journal"));
        assertThat(Dialect.journalFolder("./swf.mv.db")).isEqualTo(Path.of("./swf.journal"));
    }

    @Test
    void upsertsByKey() {
        assertThat(Dialect.H2.upsert("t", List.of("k"), List.of("a", "b")))
                .isEqualTo("MERGE INTO t (k, a, b) KEY (k) VALUES (?, ?, ?)");
        assertThat(Dialect.POSTGRESQL.upsert("t", List.of("k"), List.of("a", "b")))
                .isEqualTo("INSERT INTO t (k, a, b) VALUES (?, ?, ?) ON CONFLICT (k)"
                        + " DO UPDATE SET a = EXCLUDED.a, b = EXCLUDED.b");
    }

    @Test
    void messagesNameTheDatabaseWithoutSettingsThatMayHoldAPassword() {
        assertThat(StoreDatabase.redact("jdbc:postgresql://db:5432/cpe?user=cpe&password=secret"))
                .isEqualTo("jdbc:postgresql://db:5432/cpe");
        assertThat(StoreDatabase.redact("jdbc:h2:file:/data/swf;PASSWORD=secret"))
                .isEqualTo("jdbc:h2:file:/data/swf");
    }
}
