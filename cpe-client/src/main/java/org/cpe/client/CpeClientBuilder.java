package org.cpe.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds a {@link CpeClient}. The client definition is required. The SQS endpoint is the embedded stack's
 * ({@value #DEFAULT_ENDPOINT}) unless given: {@code aws} for AWS (region and credentials from the SDK's default chains
 * unless given), or the URL of any SQS-compatible service (credentials {@code cpe-local} unless given). Or hand in an
 * {@link SqsClient} of your own.
 */
public final class CpeClientBuilder {

    /** The embedded SQS of a CPE server started with its defaults. */
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9324";

    private ClientDefinition client;
    private String endpoint = DEFAULT_ENDPOINT;
    private Region region;
    private AwsCredentialsProvider credentials;
    private SqsClient sqs;
    private Duration replyTimeout = Duration.ofSeconds(30);

    CpeClientBuilder() {}

    /** The client application: its name and its input and output queues. */
    public CpeClientBuilder client(ClientDefinition value) {
        this.client = Objects.requireNonNull(value, "client");
        return this;
    }

    /** {@code aws}, or the http(s) URL of an SQS-compatible endpoint such as a CPE server's embedded SQS. */
    public CpeClientBuilder endpoint(String value) {
        Objects.requireNonNull(value, "endpoint");
        if (!"aws".equals(value) && !ClientDefinition.isHttpUrl(value)) {
            throw new IllegalArgumentException(
                    "endpoint '" + value + "' is not allowed: use 'aws' or an http(s) URL such as " + DEFAULT_ENDPOINT);
        }
        this.endpoint = value;
        return this;
    }

    public CpeClientBuilder region(String value) {
        this.region = Region.of(Objects.requireNonNull(value, "region"));
        return this;
    }

    public CpeClientBuilder credentials(AwsCredentialsProvider value) {
        this.credentials = Objects.requireNonNull(value, "credentials");
        return this;
    }

    /** An SQS client of your own, used instead of building one; the CPE client then does not close it. */
    public CpeClientBuilder sqsClient(SqsClient value) {
        this.sqs = Objects.requireNonNull(value, "sqsClient");
        return this;
    }

    /** How long a question ({@code GET_JOB_STATUS}, ...) waits for CPE's answer; 30 s unless given. */
    public CpeClientBuilder replyTimeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("replyTimeout must be positive");
        }
        this.replyTimeout = value;
        return this;
    }

    public CpeClient build() {
        if (client == null) {
            throw new IllegalStateException("a client definition is required: builder().client(...)");
        }
        if (sqs != null) {
            return new CpeClient(client, sqs, false, replyTimeout, "the given SQS client");
        }
        SqsClientBuilder builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        if ("aws".equals(endpoint)) {
            if (region != null) {
                builder.region(region);
            }
            builder.credentialsProvider(
                    credentials != null
                            ? credentials
                            : DefaultCredentialsProvider.builder().build());
        } else {
            builder.endpointOverride(URI.create(endpoint))
                    .region(region != null ? region : Region.US_EAST_1)
                    .credentialsProvider(
                            credentials != null
                                    ? credentials
                                    : StaticCredentialsProvider.create(
                                            AwsBasicCredentials.create("cpe-local", "cpe-local")));
        }
        return new CpeClient(client, builder.build(), true, replyTimeout, endpoint);
    }
}
