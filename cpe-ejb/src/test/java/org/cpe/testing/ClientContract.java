package org.cpe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.cpe.client.message.CpeMessages;
import org.cpe.protocol.MessageType;

/**
 * The contract between the server and the client library: every message a role sends to a client's output queue is
 * of a type the library knows. The flow tests pass what they read through here.
 */
public final class ClientContract {

    private ClientContract() {}

    /** Fails when {@code body} is not a message of a type {@code org.cpe.client.message} has a class for. */
    public static void requireKnown(String body) {
        assertThat(CpeMessages.parse(body).messageType())
                .as("the client library reads %s", body)
                .isNotEqualTo(MessageType.UNKNOWN);
    }
}
