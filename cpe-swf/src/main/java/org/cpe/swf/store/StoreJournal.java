package org.cpe.swf.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.cpe.swf.files.OwnerOnly;
import org.cpe.swf.store.Row.DomainRow;
import org.cpe.swf.store.Row.EventRow;
import org.cpe.swf.store.Row.ExecutionRow;
import org.cpe.swf.store.Row.HeartbeatRow;
import org.cpe.swf.store.Row.TypeRow;

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
 * <p>A record is its length, the CRC-32 of its bytes, and the bytes. A record cut short or damaged (a write that a
 * crash interrupted; its batch was never answered) ends its segment's replay. Writes are not forced to disk: like
 * H2's own file, the journal survives a killed process through the operating system's page cache, not a power cut.
 * Not thread-safe for concurrent appends and rotations: the writer serialises them.
 */
final class StoreJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StoreJournal.class.getName());
    private static final String SUFFIX = ".journal";
    private static final int HEADER_BYTES = 8;

    private static final byte DOMAIN = 1;
    private static final byte TYPE = 2;
    private static final byte EXECUTION = 3;
    private static final byte EVENT = 4;
    private static final byte HEARTBEAT = 5;

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
        byte[] payload = encode(batch);
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
        return decode(payload);
    }

    static byte[] encode(CoalescedBatch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (DomainRow row : batch.domains()) {
                out.writeByte(DOMAIN);
                writeStrings(out, row.name(), row.status(), row.infoJson(), row.configJson());
            }
            for (TypeRow row : batch.types()) {
                out.writeByte(TYPE);
                writeStrings(out, row.kind(), row.domain(), row.name(), row.version(), row.status());
                writeLong(out, row.creationTs());
                writeLong(out, row.deprecationTs());
                writeStrings(out, row.infoJson(), row.configJson());
            }
            for (ExecutionRow row : batch.executions()) {
                out.writeByte(EXECUTION);
                writeStrings(
                        out,
                        row.runId(),
                        row.domain(),
                        row.workflowId(),
                        row.typeName(),
                        row.typeVersion(),
                        row.executionStatus(),
                        row.closeStatus());
                out.writeLong(row.startTs());
                writeLong(out, row.closeTs());
                out.writeBoolean(row.cancelRequested());
                out.writeInt(row.tags().size());
                for (String tag : row.tags()) {
                    writeString(out, tag);
                }
                writeString(out, row.recordJson());
            }
            for (EventRow row : batch.events()) {
                out.writeByte(EVENT);
                writeString(out, row.runId());
                out.writeLong(row.eventId());
                writeString(out, row.eventJson());
            }
            for (HeartbeatRow row : batch.heartbeats()) {
                out.writeByte(HEARTBEAT);
                writeString(out, row.runId());
                out.writeLong(row.scheduledEventId());
                writeString(out, row.details());
                writeLong(out, row.atTs());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The rows of a record, in the order that rebuilds the same coalesced batch: domains, types, executions (a closed
     * one clears its heartbeats), events, then the heartbeats that outlived the batch's closes.
     */
    static List<Row> decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        List<Row> rows = new ArrayList<>();
        while (in.available() > 0) {
            byte kind = in.readByte();
            switch (kind) {
                case DOMAIN -> rows.add(new DomainRow(readString(in), readString(in), readString(in), readString(in)));
                case TYPE -> rows.add(new TypeRow(
                        readString(in),
                        readString(in),
                        readString(in),
                        readString(in),
                        readString(in),
                        readLong(in),
                        readLong(in),
                        readString(in),
                        readString(in)));
                case EXECUTION -> {
                    String runId = readString(in);
                    String domain = readString(in);
                    String workflowId = readString(in);
                    String typeName = readString(in);
                    String typeVersion = readString(in);
                    String executionStatus = readString(in);
                    String closeStatus = readString(in);
                    long startTs = in.readLong();
                    Long closeTs = readLong(in);
                    boolean cancelRequested = in.readBoolean();
                    int tagCount = in.readInt();
                    List<String> tags = new ArrayList<>(tagCount);
                    for (int i = 0; i < tagCount; i++) {
                        tags.add(readString(in));
                    }
                    rows.add(new ExecutionRow(
                            runId,
                            domain,
                            workflowId,
                            typeName,
                            typeVersion,
                            executionStatus,
                            closeStatus,
                            startTs,
                            closeTs,
                            cancelRequested,
                            List.copyOf(tags),
                            readString(in)));
                }
                case EVENT -> rows.add(new EventRow(readString(in), in.readLong(), readString(in)));
                case HEARTBEAT -> rows.add(
                        new HeartbeatRow(readString(in), in.readLong(), readString(in), readLong(in)));
                default -> throw new IOException("Unknown row kind " + kind + " in the SWF store's journal");
            }
        }
        return rows;
    }

    private static void writeStrings(DataOutputStream out, String... values) throws IOException {
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void writeLong(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }
}
