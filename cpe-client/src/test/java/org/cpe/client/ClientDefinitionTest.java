package org.cpe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientDefinitionTest {

    @Test
    void defaultQueuesAreNamedAfterTheClient() {
        ClientDefinition demo = ClientDefinition.withDefaultQueues("demo");

        assertThat(demo.inputQueue()).isEqualTo("demo-input");
        assertThat(demo.outputQueue()).isEqualTo("demo-output");
    }

    @Test
    void acceptsQueueUrlsAsTheOriginalClientDefinitionsUsed() {
        ClientDefinition client = new ClientDefinition(
                "ClientA",
                "https://sqs.us-east-1.amazonaws.com/123456789012/ClientA-input",
                "https://sqs.us-east-1.amazonaws.com/123456789012/ClientA-output");

        assertThat(ClientDefinition.queueName(client.inputQueue())).isEqualTo("ClientA-input");
        assertThat(ClientDefinition.isQueueUrl(client.outputQueue())).isTrue();
    }

    @Test
    void rejectsAClientNameThatCannotBePartOfAQueueName() {
        assertThatThrownBy(() -> ClientDefinition.withDefaultQueues("acme corp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'acme corp'")
                .hasMessageContaining("letters, digits");
    }

    @Test
    void rejectsAQueueThatIsNeitherANameNorAUrl() {
        assertThatThrownBy(() -> new ClientDefinition("demo", "demo input", "demo-output"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input queue 'demo input'");
        assertThat(ClientDefinition.isQueueReference("ftp://host/queue")).isFalse();
        assertThat(ClientDefinition.isQueueReference("https://host/")).isFalse();
    }

    @Test
    void acceptsFifoQueueNames() {
        assertThat(ClientDefinition.isQueueReference("jobs.fifo")).isTrue();
    }

    @Test
    void readsTheOriginalClientDefinitionFile() {
        ClientDefinition client = ClientDefinition.fromJson(
                "{\"name\":\"ClientA\",\"queues\":{\"input\":\"https://sqs.eu-west-1.amazonaws.com/1/a-in\","
                        + "\"output\":\"https://sqs.eu-west-1.amazonaws.com/1/a-out\"}}");
        ClientDefinition named = ClientDefinition.fromJson("{\"name\":\"demo\"}");

        assertThat(client.inputQueue()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/1/a-in");
        assertThat(named.outputQueue()).isEqualTo("demo-output");
        assertThatThrownBy(() -> ClientDefinition.fromJson("{\"queues\":{}}")).hasMessageContaining("\"name\"");
    }
}
