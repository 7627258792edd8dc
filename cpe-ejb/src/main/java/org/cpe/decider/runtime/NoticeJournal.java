package org.cpe.decider.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cpe.swf.files.OwnerOnly;

/**
 * The notices that close a workflow (WORKFLOW_COMPLETED, _FAILED, _CANCELED), written to a file and forced to disk
 * before the Decider answers the closing decision, and struck off once SQS has them. A process killed in between
 * finds them at its next start and sends those whose workflow did close, so no client misses the end of its job.
 * A kill in the instant between SQS's answer and the strike-off sends one twice; SQS itself delivers at least once,
 * so clients already tell repeats apart.
 *
 * <p>The file is an append-only log of {@code P} (pending) and {@code D} (done) lines, rewritten with only the
 * pending entries when opened and when it grows past {@link #COMPACT_AFTER} lines. Thread-safe.
 */
public final class NoticeJournal implements AutoCloseable {

    /** A notice on its way: where it goes, what it says, and the workflow run it closes. */
    public record Entry(String id, String queueUrl, String body, String workflowId, String runId) {

        public static Entry of(String queueUrl, String body, String workflowId, String runId) {
            return new Entry(UUID.randomUUID().toString(), queueUrl, body, workflowId, runId);
        }
    }

    /** A journal that keeps nothing, for Deciders without a data folder (tests, benchmarks). */
    public static final NoticeJournal NONE = new NoticeJournal(null, null, List.of());

    static final int COMPACT_AFTER = 20_000;
    private static final Base64.Encoder ENCODE = Base64.getEncoder();
    private static final Base64.Decoder DECODE = Base64.getDecoder();

    private final Path file;
    private FileChannel channel;
    private final List<Entry> recovered;
    private final Map<String, Entry> pending = new LinkedHashMap<>();
    private int lines;

    private NoticeJournal(Path file, FileChannel channel, List<Entry> recovered) {
        this.file = file;
        this.channel = channel;
        this.recovered = List.copyOf(recovered);
        recovered.forEach(e -> pending.put(e.id(), e));
    }

    /** The journal of a data folder: {@code <dataDir>/decider/notices.journal}, as {@link #open} makes it. */
    public static NoticeJournal openIn(Path dataDir) {
        Path folder;
        try {
            folder = OwnerOnly.dataSubfolder(dataDir, "decider");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Decider's folder in " + dataDir, e);
        }
        return open(folder.resolve("notices.journal"));
    }

    /**
     * The journal in {@code file}, made when missing; what an earlier process left pending is in {@link #recovered()}.
     * The file is made {@code rw-------} and its folder, CPE's own, {@code rwx------}: the notices hold job results.
     */
    public static NoticeJournal open(Path file) {
        try {
            OwnerOnly.folder(file.getParent());
            List<Entry> left = read(file);
            NoticeJournal journal = new NoticeJournal(file, null, left);
            journal.rewrite();
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Decider's notice journal " + file, e);
        }
    }

    /** The entries a previous process left pending, at open. */
    public List<Entry> recovered() {
        return recovered;
    }

    /** Records a notice before its workflow is closed; on disk when this returns. */
    public synchronized void pending(Entry entry) {
        if (channel == null) {
            return;
        }
        pending.put(entry.id(), entry);
        append(
                "P " + entry.id() + " " + encode(entry.queueUrl()) + " " + encode(entry.body()) + " "
                        + encode(entry.workflowId()) + " " + encode(entry.runId()) + "\n",
                true);
    }

    /** Strikes a notice off: SQS has it, or its workflow did not close after all. */
    public synchronized void done(String id) {
        if (channel == null || pending.remove(id) == null) {
            return;
        }
        // Not forced: a process killed now has written it all the same; only the machine's crash could lose it,
        // and that costs one repeated notice.
        append("D " + id + "\n", false);
        if (lines > COMPACT_AFTER) {
            try {
                rewrite();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite the notice journal " + file, e);
            }
        }
    }

    /** How many notices wait to be struck off. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    private void append(String line, boolean force) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (force) {
                channel.force(false);
            }
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the notice journal " + file, e);
        }
    }

    /** Replaces the file with one that holds only the pending entries. */
    private void rewrite() throws IOException {
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        // A leftover of a kill keeps its mode when reopened; a file made now gets the owner-only one.
        Files.deleteIfExists(fresh);
        try (FileChannel out = FileChannel.open(
                fresh,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnly.fileAttributes(fresh))) {
            for (Entry e : pending.values()) {
                out.write(ByteBuffer.wrap(("P " + e.id() + " " + encode(e.queueUrl()) + " " + encode(e.body()) + " "
                                + encode(e.workflowId()) + " " + encode(e.runId()) + "\n")
                        .getBytes(StandardCharsets.US_ASCII)));
            }
            out.force(true);
        }
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (channel != null) {
            channel.close();
        }
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        lines = pending.size();
    }

    private static List<Entry> read(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(" ");
                // A line a kill cut short is skipped: its notice was not recorded before the decision was answered.
                if (f.length == 6 && f[0].equals("P")) {
                    entries.put(f[1], new Entry(f[1], decode(f[2]), decode(f[3]), decode(f[4]), decode(f[5])));
                } else if (f.length == 2 && f[0].equals("D")) {
                    entries.remove(f[1]);
                }
            }
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IllegalArgumentException e) {
            // An undecodable (cut) line: what was read before it stands.
        }
        return new ArrayList<>(entries.values());
    }

    private static String encode(String text) {
        return ENCODE.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String text) {
        return new String(DECODE.decode(text), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing after the last write: nothing more to lose
            }
        }
    }
}
