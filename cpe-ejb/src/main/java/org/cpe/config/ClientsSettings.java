package org.cpe.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.cpe.client.ClientDefinition;

/**
 * The client applications this stack serves ({@code cpe.clients}), each with its input and output queue. The queues
 * default to {@code <name>-input} and {@code <name>-output}. The InputPoller reads each input queue with
 * {@code cpe.input-poller.loops-per-client} loops: one waits on SQS while another works.
 */
public record ClientsSettings(List<ClientDefinition> clients, int loopsPerClient) {

    public static final String KEY = "cpe.clients";
    public static final String LOOPS_KEY = "cpe.input-poller.loops-per-client";

    public ClientsSettings {
        clients = List.copyOf(clients);
    }

    public static String queueKey(String client, String which) {
        return KEY + "." + client + ".queues." + which;
    }

    static ClientsSettings read(ConfigReader reader) {
        List<ClientDefinition> clients = new ArrayList<>();
        for (String name : new LinkedHashSet<>(reader.list(KEY))) {
            if (!ClientDefinition.NAME.matcher(name).matches()) {
                reader.problem(
                        KEY,
                        reader.optional(KEY).orElse(""),
                        "client name '" + name + "' is not allowed",
                        "a comma list of names of 1 to 64 letters, digits, '-' or '_'");
                continue;
            }
            String input = queue(reader, name, "input");
            String output = queue(reader, name, "output");
            if (input != null && output != null) {
                clients.add(new ClientDefinition(name, input, output));
            }
        }
        return new ClientsSettings(clients, reader.integer(LOOPS_KEY, 1, 16));
    }

    private static String queue(ConfigReader reader, String client, String which) {
        String key = queueKey(client, which);
        String value = reader.optional(key).orElse(client + "-" + which);
        if (!ClientDefinition.isQueueReference(value)) {
            reader.problem(
                    key,
                    value,
                    "is not an SQS queue name or URL",
                    "letters, digits, '-' and '_' (up to 80), or an http(s) queue URL");
            return null;
        }
        return value;
    }
}
