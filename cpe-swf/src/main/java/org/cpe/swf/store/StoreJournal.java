package org.cpe.swf.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.cpe.swf.files.OwnerOnly;

/**
 * The write-ahead journal of an embedded H2 store: each batch's rows are appended here before the batch is committed
 * to H2, whose commits then stay in memory until the next checkpoint writes them to its file. That is one small
 * sequential write per batch instead of an MVStore chunk per commit (which H2 writes with WRITE_DELAY 0, at a cost
 * that grows with the file, and leaves the file growing; docs/benchmarks.md).
 *
 * <p>The journal is a folder of segment files numbered in order. A checkpoint {@link #rotate}s to a new segment,
 * has H2 store what it committed, then {@link #deleteBefore deletes} the segments before the new one. At open, the
 * segments left by a process that stopped without its last checkpoint are {@link #replay}ed into the database; the
 * rows are whole-row upserts applied in their order, so replaying rows the database already has changes nothing.
 *
 * <p>A record is its length, the CRC-32 of its bytes, and the bytes ({@link JournalCodec}). A record cut short or
 * damaged (a write that a crash interrupted; its batch was never answered) ends its segment's replay. Writes are not
 * forced to disk: like H2's own file, the journal survives a killed process through the operating system's page
 * cache, not a power cut. Not thread-safe for concurrent appends and rotations: the writer serialises them.
 */
final class StoreJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StoreJournal.class.getName());
    private static final String SUFFIX = ".journal";
    private static final int HEADER_BYTES = 8;

    private final Path folder;
    private long segment;
    private FileChannel channel;
    /** Bytes written to the current segment. */
    private long written;

    private StoreJournal(Path folder, long segment) {
        this.folder = folder;
        this.segment = segment;
    }

    /**
     * Opens the journal in {@code folder}, made or kept {@code rwx------} (segments are made {@code rw-------});
     * appends go to a new segment after the existing ones.
     */
    static StoreJournal open(Path folder) {
        try {
            OwnerOnly.folder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the SWF store's journal folder " + folder, e);
        }
        List<Long> existing = segments(folder);
        return new StoreJournal(folder, existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1);
    }

    Path folder() {
        return folder;
    }

    /**
     * Hands each complete record of the existing segments, in order, to {@code apply}; returns how many it handed
     * over. Reads only the segments before the one appends go to.
     */
    int replay(Consumer<List<Row>> apply) {
        int records = 0;
        for (long number : segments(folder)) {
            if (number >= segment) {
                break;
            }
            Path file = file(number);
            try (InputStream in = Files.newInputStream(file)) {
                DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
                while (true) {
                    List<Row> rows = readRecord(data);
                    if (rows == null) {
                        break;
                    }
                    apply.accept(rows);
                    records++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the SWF store's journal " + file, e);
            }
        }
        return records;
    }

    /** Appends one batch's rows to the current segment. On failure the segment is given up for a new one. */
    void append(CoalescedBatch batch) {
        byte[] payload = JournalCodec.encode(batch);
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        buffer.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        try {
            if (channel == null) {
                Path file = file(segment);
                channel = FileChannel.open(
                        file,
                        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                        OwnerOnly.fileAttributes(file));
                written = channel.size();
            }
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            written += HEADER_BYTES + payload.length;
        } catch (IOException e) {
            // What was written of this record fails its CRC and ends the segment's replay; start a new one.
            closeChannel();
            segment++;
            throw new UncheckedIOException("Cannot append to the SWF store's journal in " + folder, e);
        }
    }

    /**
     * Starts a new segment if the current one holds anything, and returns the number of the first segment a
     * checkpoint begun now must keep; -1 when nothing was appended since the last rotation.
     */
    long rotate() {
        if (written == 0) {
            return -1;
        }
        closeChannel();
        segment++;
        written = 0;
        return segment;
    }

    /** Deletes the segments numbered below {@code keep}: the database's file holds what they did. */
    void deleteBefore(long keep) {
        for (long number : segments(folder)) {
            if (number >= keep) {
                break;
            }
            try {
                Files.deleteIfExists(file(number));
            } catch (IOException e) {
                LOG.warning(() -> "Cannot delete the replayed SWF store journal " + file(number) + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.fine(() -> "Closing a journal segment failed: " + e);
            }
            channel = null;
        }
    }

    private Path file(long number) {
        return folder.resolve(String.format("%019d", number) + SUFFIX);
    }

    private static List<Long> segments(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX) && name.length() == 19 + SUFFIX.length())
                    .map(name -> Long.parseLong(name.substring(0, 19)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the SWF store's journal folder " + folder, e);
        }
    }

    /** The next record's rows, or null at the end of the segment or at a record cut short or damaged. */
    private static List<Row> readRecord(DataInputStream data) throws IOException {
        int length;
        int expected;
        byte[] payload;
        try {
            length = data.readInt();
            expected = data.readInt();
            if (length < 0 || length > (1 << 30)) {
                return null;
            }
            payload = data.readNBytes(length);
        } catch (EOFException e) {
            return null;
        }
        if (payload.length < length) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        if ((int) crc.getValue() != expected) {
            return null;
        }
        return JournalCodec.decode(payload);
    }
}
