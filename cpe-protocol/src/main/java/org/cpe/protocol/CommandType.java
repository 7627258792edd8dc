package org.cpe.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every command a client sends to its input queue; the only place their names are written. */
public enum CommandType {
    START_JOB,
    CANCEL_JOB,
    CANCEL_ACTIVITY,
    GET_JOB_LIST,
    GET_JOB_STATUS,
    GET_ACTIVITY_LIST,
    GET_ACTIVITY_STATUS;

    /** The command named {@code name}, exactly as the protocol spells it. */
    public static Optional<CommandType> of(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every command's name, in alphabetical order, for messages that list them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).sorted().toList();
    }

    /** Whether the command is about one job and so needs a {@code jobId}; a job listing's is only echoed. */
    public boolean concernsAJob() {
        return this != GET_JOB_LIST;
    }
}
