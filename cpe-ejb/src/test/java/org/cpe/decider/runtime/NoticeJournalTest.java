package org.cpe.decider.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpe.testing.FileModes.mode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.cpe.testing.FileModes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeJournalTest {

    @TempDir
    Path dir;

    @Test
    void aFreshDataFolderGetsTheJournalForTheServersUserOnly() {
        FileModes.assumePosix(dir);
        Path data = dir.resolve("home/.cpe");

        NoticeJournal journal = NoticeJournal.openIn(data);
        journal.pending(NoticeJournal.Entry.of("http://q", "{\"result\":\"secret\"}", "w", "r"));

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("decider"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve("decider/notices.journal"))).isEqualTo("rw-------");
    }

    @Test
    void anEarlierJournalMadeForEveryoneIsTightenedButTheOperatorsDataFolderIsNot() throws Exception {
        FileModes.assumePosix(dir);
        Path data = FileModes.folder(dir.resolve("srv-cpe"), "rwxr-xr-x");
        Path folder = FileModes.folder(data.resolve("decider"), "rwxr-xr-x");
        Path file = Files.writeString(folder.resolve("notices.journal"), "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        NoticeJournal.openIn(data).close();

        assertThat(mode(data)).isEqualTo("rwxr-xr-x");
        assertThat(mode(folder)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void whatWasPendingWhenTheProcessEndedIsRecoveredAndWhatWasDoneIsNot() {
        Path file = dir.resolve("decider/notices.journal");
        NoticeJournal journal = NoticeJournal.open(file);
        NoticeJournal.Entry sent = NoticeJournal.Entry.of("http://q", "{\"type\":\"WORKFLOW_COMPLETED\"}", "w1", "r1");
        NoticeJournal.Entry unsent = NoticeJournal.Entry.of("http://q", "{\"text\":\"ünï ✓\"}", "w2", "r2");
        journal.pending(sent);
        journal.pending(unsent);
        journal.done(sent.id());
        // No close: a killed process does not close its journal.

        NoticeJournal reopened = NoticeJournal.open(file);

        assertThat(reopened.recovered()).containsExactly(unsent);
        assertThat(reopened.pendingCount()).isEqualTo(1);
        reopened.done(unsent.id());
        assertThat(NoticeJournal.open(file).recovered()).isEmpty();
    }

    @Test
    void aLineAKillCutShortIsIgnored() throws Exception {
        Path file = dir.resolve("notices.journal");
        NoticeJournal journal = NoticeJournal.open(file);
        NoticeJournal.Entry whole = NoticeJournal.Entry.of("http://q", "body", "w", "r");
        journal.pending(whole);
        Files.writeString(file, "P abc aHR0c", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);

        assertThat(NoticeJournal.open(file).recovered()).containsExactly(whole);
    }

    @Test
    void theFileIsCompactedToWhatIsPending() throws Exception {
        Path file = dir.resolve("notices.journal");
        NoticeJournal journal = NoticeJournal.open(file);
        // Each notice writes two lines: one pair more than half the limit makes the last strike-off compact.
        for (int i = 0; i <= NoticeJournal.COMPACT_AFTER / 2; i++) {
            NoticeJournal.Entry entry = NoticeJournal.Entry.of("http://q", "body " + i, "w", "r");
            journal.pending(entry);
            journal.done(entry.id());
        }
        assertThat(Files.size(file)).isLessThan(100_000);
        assertThat(NoticeJournal.open(file).recovered()).isEmpty();
    }

    @Test
    void theNoneJournalKeepsNothing() {
        NoticeJournal.NONE.pending(NoticeJournal.Entry.of("http://q", "b", "w", "r"));
        assertThat(NoticeJournal.NONE.pendingCount()).isZero();
    }
}
