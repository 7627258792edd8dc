package org.cpe.sqs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.cpe.client.ClientDefinition;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;

/**
 * Creates the dead-letter queue and every client's input and output queue on an SQS endpoint, idempotently. Input
 * queues redrive to the dead-letter queue after {@code maxReceiveCount} receives, so a message that keeps failing
 * is kept, not lost and not retried forever.
 */
public final class QueueProvisioner {

    private static final Logger LOG = Logger.getLogger(QueueProvisioner.class.getName());

    private final SqsClient sqs;

    public QueueProvisioner(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Creates (or updates) the queues; returns the URL of each, by queue name. */
    public Map<String, String> provision(String deadLetterQueue, List<ClientDefinition> clients, int maxReceiveCount) {
        Map<String, String> urls = new LinkedHashMap<>();
        String dlqName = ClientDefinition.queueName(deadLetterQueue);
        String dlqUrl = create(dlqName, Map.of());
        urls.put(dlqName, dlqUrl);
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                        .queueUrl(dlqUrl)
                        .attributeNames(QueueAttributeName.QUEUE_ARN)
                        .build())
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> redrive = Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}");
        for (ClientDefinition client : clients) {
            String input = ClientDefinition.queueName(client.inputQueue());
            String output = ClientDefinition.queueName(client.outputQueue());
            urls.put(input, create(input, redrive));
            urls.put(output, create(output, Map.of()));
        }
        LOG.info(() -> "Embedded SQS queues ready: " + urls.keySet());
        return urls;
    }

    private String create(String name, Map<QueueAttributeName, String> attributes) {
        try {
            return sqs.createQueue(CreateQueueRequest.builder()
                            .queueName(name)
                            .attributes(attributes)
                            .build())
                    .queueUrl();
        } catch (QueueNameExistsException e) {
            // The queue was kept from an earlier run with other attributes: bring it up to the configuration.
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            if (!attributes.isEmpty()) {
                sqs.setQueueAttributes(SetQueueAttributesRequest.builder()
                        .queueUrl(url)
                        .attributes(attributes)
                        .build());
            }
            return url;
        }
    }
}
