package org.cpe.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** The commands of the client protocol, in the original envelope {@code {time, type, jobId, data}}. */
public final class Commands {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Commands() {}

    /** The command as the original SDK wrote it: {@code time} in epoch seconds with microseconds. */
    public static String envelope(String type, String jobId, ObjectNode data, Instant now) {
        ObjectNode command = JSON.createObjectNode();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        command.put("time", BigDecimal.valueOf(micros, 6));
        command.put("type", type);
        if (jobId != null) {
            command.put("jobId", jobId);
        }
        command.set("data", data == null ? JSON.createObjectNode() : data);
        return command.toString();
    }
}
