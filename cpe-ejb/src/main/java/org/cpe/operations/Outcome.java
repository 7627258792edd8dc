package org.cpe.operations;

import org.cpe.protocol.MessageType;

/** What a command's client hears, and the reason when the raw command belongs in the dead-letter queue (else null). */
public record Outcome(String reply, String deadLetterReason) {

    static Outcome answered(String reply) {
        return new Outcome(reply, null);
    }

    /** A refusal of a well-formed query (nothing to keep: the command was fine, the answer is no). */
    static Outcome refused(Command command, String reason, String message) {
        return new Outcome(Replies.rejected(MessageType.COMMAND_REJECTED, command, reason, message, now()), null);
    }

    /** Bad input: the client hears why and the raw command is kept in the dead-letter queue. */
    static Outcome rejected(MessageType type, Command command, String reason, String message) {
        return new Outcome(Replies.rejected(type, command, reason, message, now()), reason);
    }

    static java.time.Instant now() {
        return java.time.Instant.now();
    }
}
