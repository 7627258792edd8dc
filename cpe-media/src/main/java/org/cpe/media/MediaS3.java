package org.cpe.media;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.cpe.activity.ActivityException;
import org.cpe.s3.EmbeddedS3;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 storage of the media activities, through the SDK's {@code S3Client}: {@code cpe.media.s3.endpoint} is {@code
 * embedded} (the in-process client of this server's embedded store, role {@code embedded-s3}), {@code aws} (the
 * default credentials chain, region {@code cpe.aws.region}) or the URL of an S3-compatible store (path-style requests
 * signed with {@code cpe.aws.local-access-key-id} and {@code cpe.aws.local-secret-access-key}); unset, or embedded where
 * the store does not run, an {@code s3://} asset is refused with a reason that says so. The client is made on first
 * use.
 */
@ApplicationScoped
public class MediaS3 {

    static final String ENDPOINT_KEY = "cpe.media.s3.endpoint";

    @Inject
    Instance<EmbeddedS3> embedded;

    private volatile S3Client client;
    private boolean own;

    /** For CDI: the client comes from the configuration. */
    public MediaS3() {}

    /** For tests and embedding: this client, which the caller closes. */
    static MediaS3 of(S3Client client) {
        MediaS3 s3 = new MediaS3();
        s3.client = client;
        return s3;
    }

    S3Client client() throws ActivityException {
        S3Client current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = build();
                    client = current;
                    own = true;
                }
            }
        }
        return current;
    }

    private S3Client build() throws ActivityException {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (RuntimeException | LinkageError e) {
            throw notConfigured();
        }
        Optional<String> endpoint = config.getOptionalValue(ENDPOINT_KEY, String.class);
        if (endpoint.isEmpty() || endpoint.get().isBlank()) {
            throw notConfigured();
        }
        Region region = Region.of(
                config.getOptionalValue("cpe.aws.region", String.class).orElse("us-east-1"));
        S3ClientBuilder builder = S3Client.builder().region(region).httpClient(UrlConnectionHttpClient.create());
        if (endpoint.get().trim().equalsIgnoreCase("embedded")) {
            return embeddedClient();
        }
        if (endpoint.get().trim().equalsIgnoreCase("aws")) {
            return builder.credentialsProvider(
                            DefaultCredentialsProvider.builder().build())
                    .build();
        }
        URI uri;
        try {
            uri = URI.create(endpoint.get().trim());
        } catch (IllegalArgumentException e) {
            throw new ActivityException(
                    MediaReasons.DOWNLOAD_FAILED, ENDPOINT_KEY + " = '" + endpoint.get() + "' is not a URL or aws");
        }
        String key = config.getOptionalValue("cpe.aws.local-access-key-id", String.class)
                .orElse("cpe-local");
        String secret = config.getOptionalValue("cpe.aws.local-secret-access-key", String.class)
                .orElse("cpe-local");
        // S3-compatible stores often lack the SDK's default trailing checksums (aws-chunked uploads): only when an
        // operation requires one.
        return builder.endpointOverride(uri)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .build();
    }

    private S3Client embeddedClient() throws ActivityException {
        Optional<S3Client> inProcess = embedded == null || embedded.isUnsatisfied()
                ? Optional.empty()
                : embedded.get().client();
        return inProcess.orElseThrow(() -> new ActivityException(
                MediaReasons.S3_NOT_CONFIGURED,
                ENDPOINT_KEY + " is embedded, but this server does not run the embedded S3 store (role embedded-s3):"
                        + " add embedded-s3 to cpe.roles, or set " + ENDPOINT_KEY + " to the URL of the server that"
                        + " runs it, such as http://services-host:8080/s3, or to aws"));
    }

    private static ActivityException notConfigured() {
        return new ActivityException(
                MediaReasons.S3_NOT_CONFIGURED,
                "this worker has no S3 storage: set " + ENDPOINT_KEY + " to embedded, aws or the URL of an"
                        + " S3-compatible store");
    }

    @PreDestroy
    void close() {
        if (own && client != null) {
            client.close();
        }
    }
}
