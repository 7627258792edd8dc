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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * Produces the application's {@link SqsClient} and {@link SwfClient} from {@code cpe.sqs.endpoint} and
 * {@code cpe.swf.endpoint}: this server's embedded service, a URL, or AWS. Each client is built on first use and
 * closed with the application.
 */
@ApplicationScoped
public class AwsClientProducer {

    @Inject
    CpeConfiguration configuration;

    @Inject
    EmbeddedSqsService embeddedSqs;

    @Produces
    @ApplicationScoped
    SqsClient sqsClient() {
        CpeSettings settings = configuration.settings();
        Endpoint endpoint = settings.sqs().endpoint();
        URI uri =
                switch (endpoint.kind()) {
                    case EMBEDDED -> embeddedSqs.endpoint();
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
        URI uri =
                switch (endpoint.kind()) {
                    case EMBEDDED -> throw new IllegalStateException(
                            "cpe.swf.endpoint=embedded: the embedded SWF service is not available in this build yet; "
                                    + "set cpe.swf.endpoint to aws or to the URL of an SWF-compatible endpoint");
                    case URL -> endpoint.url();
                    case AWS -> null;
                };
        return AwsClientFactory.swf(uri, settings.aws(), settings.swf().socketTimeout());
    }

    void closeSwf(@Disposes SwfClient client) {
        client.close();
    }
}
