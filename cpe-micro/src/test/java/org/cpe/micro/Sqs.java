package org.cpe.micro;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An SDK SQS client of the test JVM, for the stack's embedded SQS. */
final class Sqs {

    private Sqs() {}

    /** A client with the well-known local key, which an embedded SQS on loopback takes by default. */
    static SqsClient client(String endpoint) {
        return client(endpoint, "cpe-local", "cpe-local");
    }

    /** A client that signs with this key. */
    static SqsClient client(String endpoint, String accessKeyId, String secretAccessKey) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
