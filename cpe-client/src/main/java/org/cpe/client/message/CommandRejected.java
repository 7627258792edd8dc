package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cpe.protocol.CommandType;

/** {@code COMMAND_REJECTED}: a command was malformed or asked for what is not there (another client's job, an unknown step). */
public final class CommandRejected extends Rejection {

    CommandRejected(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** A rejected {@code START_JOB} means the job never starts. */
    @Override
    public boolean endsJob() {
        return CommandType.START_JOB.name().equals(command());
    }
}
