package org.cpe.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.cpe.activity.ActivityException;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code s3://} assets through the SDK's {@code S3Client} against a real S3-compatible store, S3Proxy, on loopback:
 * the input downloaded, the outputs (one file, and numbered thumbnails under a key prefix) uploaded and checked with
 * ffprobe after downloading them back.
 */
class S3StorageTest {

    private static S3Proxy proxy;
    private static S3Client s3;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        Media.requireFfmpeg();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        BlobStoreContext store = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(store.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "media-key", "media-secret")
                .build();
        proxy.start();
        // S3Proxy starts Jetty on its own thread.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> "STARTED".equals(proxy.getState()));
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                // As MediaS3 does for any store but AWS: S3Proxy does not take the SDK's default trailing checksums.
                .requestChecksumCalculation(
                        software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(
                        software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("media-key", "media-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        s3.createBucket(b -> b.bucket("media"));
        Path video = Media.video(dir, "in.mp4", 640, 360, 4);
        s3.putObject(r -> r.bucket("media").key("inbox/in.mp4"), RequestBody.fromFile(video));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void anS3AssetIsValidatedAndTranscodedToS3() throws Exception {
        MediaS3 storage = MediaS3.of(s3);

        JsonNode info = (JsonNode) new ValidateAssetActivity(storage)
                .execute(
                        FakeTask.of("ValidateAsset", "{\"input_asset\": \"s3://media/inbox/in.mp4\"}"),
                        new RecordingContext());
        JsonNode video = (JsonNode) new TranscodeAssetActivity(storage)
                .execute(
                        FakeTask.of(
                                "TranscodeAsset",
                                "{\"input_asset\": {\"bucket\": \"media\", \"file\": \"inbox/in.mp4\"},"
                                        + " \"input_asset_metadata\": " + info + ", \"output_asset\": {\"type\":"
                                        + " \"VIDEO\", \"preset\": \"360p-generic\", \"size\": \"320x180\", \"uri\":"
                                        + " \"s3://media/out/small.mp4\"}}"),
                        new RecordingContext());
        JsonNode thumbs = (JsonNode) new TranscodeAssetActivity(storage)
                .execute(
                        FakeTask.of(
                                "TranscodeAsset",
                                "{\"input_asset\": \"s3://media/inbox/in.mp4\", \"output_asset\": {\"type\": \"THUMB\","
                                        + " \"mode\": \"intervals\", \"intervals\": 2, \"uri\": \"s3://media/out/t/shot.jpg\"}}"),
                        new RecordingContext());

        assertThat(info.path("type").asText()).isEqualTo("VIDEO");
        assertThat(video.path("output").asText()).isEqualTo("s3://media/out/small.mp4");
        Path back = dir.resolve("back.mp4");
        s3.getObject(r -> r.bucket("media").key("out/small.mp4"), back);
        assertThat(Media.stream(Media.probe(back), "video").path("width").asInt())
                .isEqualTo(320);
        assertThat(thumbs.path("files"))
                .extracting(JsonNode::asText)
                .contains("s3://media/out/t/shot000001.jpg", "s3://media/out/t/shot000002.jpg");
        assertThat(s3.listObjectsV2(r -> r.bucket("media").prefix("out/t/")).contents())
                .extracting(o -> o.key())
                .contains("out/t/shot000001.jpg", "out/t/shot000002.jpg");
    }

    @Test
    void aMissingObjectAndAWorkerWithoutS3AreNamed() {
        assertThatThrownBy(() -> new ValidateAssetActivity(MediaS3.of(s3))
                        .execute(
                                FakeTask.of("ValidateAsset", "{\"input_asset\": \"s3://media/inbox/nothing.mp4\"}"),
                                new RecordingContext()))
                .isInstanceOf(ActivityException.class)
                .satisfies(e -> assertThat(((ActivityException) e).reason()).isEqualTo(MediaReasons.DOWNLOAD_FAILED))
                .hasMessageContaining("s3://media/inbox/nothing.mp4");
        assertThatThrownBy(() -> new ValidateAssetActivity()
                        .execute(
                                FakeTask.of("ValidateAsset", "{\"input_asset\": \"s3://media/inbox/in.mp4\"}"),
                                new RecordingContext()))
                .isInstanceOf(ActivityException.class)
                .satisfies(e -> assertThat(((ActivityException) e).reason()).isEqualTo(MediaReasons.S3_NOT_CONFIGURED))
                .hasMessageContaining("cpe.media.s3.endpoint");
    }
}
