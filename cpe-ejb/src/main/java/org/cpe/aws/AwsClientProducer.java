package org.cpe.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.config.Endpoint;
import org.cpe.sqs.EmbeddedSqsService;
import org.cpe.workflow.EmbeddedSwfService;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * Produces the application's {@link SqsClient} and {@link SwfClient} from {@code cpe.sqs.endpoint} and
 * {@code cpe.swf.endpoint}: this server's embedded service (for SWF, in-process), a URL, or AWS. Each client is built on first use and
 * closed with the application.
 */
@ApplicationScoped
public class AwsClientProducer {

    @Inject
    CpeConfiguration configuration;

    @Inject
    EmbeddedSqsService embeddedSqs;

    @Inject
    EmbeddedSwfService embeddedSwf;

    @Produces
    @ApplicationScoped
    SqsClient sqsClient() {
        CpeSettings settings = configuration.settings();
        Endpoint endpoint = settings.sqs().endpoint();
        URI uri =
                switch (endpoint.kind()) {
                    case EMBEDDED -> embeddedSqs.localEndpoint();
                    case URL -> endpoint.url();
                    case AWS -> null;
                };
        return AwsClientFactory.sqs(uri, settings.aws());
    }

    void closeSqs(@Disposes SqsClient client) {
        client.close();
    }

    @Produces
    @ApplicationScoped
    SwfClient swfClient() {
        CpeSettings settings = configuration.settings();
        Endpoint endpoint = settings.swf().endpoint();
        return switch (endpoint.kind()) {
                // In the same JVM the roles skip HTTP: the in-process client answers with the same SDK objects.
            case EMBEDDED -> embeddedSwf.client();
            case URL -> AwsClientFactory.swf(
                    endpoint.url(), settings.aws(), settings.swf().socketTimeout());
            case AWS -> AwsClientFactory.swf(
                    null, settings.aws(), settings.swf().socketTimeout());
        };
    }

    void closeSwf(@Disposes SwfClient client) {
        client.close();
    }
}
