package org.cpe.swf.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cpe.swf.store.Row.DomainRow;
import org.cpe.swf.store.Row.EventRow;
import org.cpe.swf.store.Row.ExecutionRow;
import org.cpe.swf.store.Row.HeartbeatRow;
import org.cpe.swf.store.Row.TypeRow;

/**
 * The bytes of one journal record: a batch's rows, each its kind then its columns, strings as UTF-8 with their length
 * (-1 for null) and nullable numbers behind a presence flag.
 */
final class JournalCodec {

    private static final byte DOMAIN = 1;
    private static final byte TYPE = 2;
    private static final byte EXECUTION = 3;
    private static final byte EVENT = 4;
    private static final byte HEARTBEAT = 5;

    private JournalCodec() {}

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
