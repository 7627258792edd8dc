package org.cpe.aws;

import java.net.URI;
import java.time.Duration;
import org.cpe.config.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * Builds SDK clients with the url-connection HTTP client: against a URL with the static local credentials, or, when
 * the endpoint is {@code null}, against AWS's regional endpoint with the default credential chain.
 */
public final class AwsClientFactory {

    /** SQS long polls last at most 20 s; the socket must outlast one. */
    public static final Duration SQS_SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private AwsClientFactory() {}

    public static SqsClient sqs(URI endpoint, AwsSettings aws) {
        var builder = SqsClient.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(endpoint, aws))
                .httpClientBuilder(http(SQS_SOCKET_TIMEOUT));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public static SwfClient swf(URI endpoint, AwsSettings aws, Duration socketTimeout) {
        var builder = SwfClient.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(endpoint, aws))
                .httpClientBuilder(http(socketTimeout));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static UrlConnectionHttpClient.Builder http(Duration socketTimeout) {
        return UrlConnectionHttpClient.builder().socketTimeout(socketTimeout).connectionTimeout(CONNECT_TIMEOUT);
    }

    private static AwsCredentialsProvider credentials(URI endpoint, AwsSettings aws) {
        if (endpoint == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(aws.localAccessKeyId(), aws.localSecretAccessKey()));
    }
}
