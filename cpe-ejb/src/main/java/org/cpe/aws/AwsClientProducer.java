package org.cpe.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.cpe.config.ConfigProblem;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.config.Endpoint;
import org.cpe.config.InvalidConfigurationException;
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
    Instance<LocalSqs> embeddedSqs;

    @Inject
    Instance<LocalSwf> embeddedSwf;

    @Produces
    @ApplicationScoped
    SqsClient sqsClient() {
        CpeSettings settings = configuration.settings();
        Endpoint endpoint = settings.sqs().endpoint();
        URI uri =
                switch (endpoint.kind()) {
                    case EMBEDDED -> local(embeddedSqs, "cpe.sqs.endpoint", "SQS")
                            .localEndpoint();
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
            case EMBEDDED -> local(embeddedSwf, "cpe.swf.endpoint", "SWF").client();
            case URL -> AwsClientFactory.swf(
                    endpoint.url(), settings.aws(), settings.swf().socketTimeout());
            case AWS -> AwsClientFactory.swf(
                    null, settings.aws(), settings.swf().socketTimeout());
        };
    }

    void closeSwf(@Disposes SwfClient client) {
        client.close();
    }

    /** This application's embedded service, or a clear error when it has none (a worker deployed on its own). */
    private static <T> T local(Instance<T> service, String key, String name) {
        if (service.isUnsatisfied()) {
            throw new InvalidConfigurationException(List.of(new ConfigProblem(
                    key,
                    "embedded",
                    "this application has no embedded " + name + " service",
                    "the URL of a CPE server's " + name + " endpoint, or 'aws'")));
        }
        return service.get();
    }
}
