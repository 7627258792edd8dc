package org.cpe.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpe.activity.ActivityException;
import org.cpe.s3.client.EmbeddedS3Client;
import org.cpe.s3.http.S3HttpServer;
import org.cpe.s3.http.S3RestProtocol;
import org.cpe.s3.store.ObjectStore;
import org.cpe.swf.http.SigV4Verifier;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code s3://} assets through the SDK's {@code S3Client} against real S3-compatible stores on loopback: CPE's own
 * embedded store in-process (as {@code cpe.media.s3.endpoint=embedded} serves it) and over HTTP with signatures
 * checked, and a third-party one, S3Proxy. The input is downloaded, the outputs (one file, and numbered thumbnails
 * under a key prefix) uploaded and checked with ffprobe after downloading them back.
 */
class S3StorageTest {

    private static S3Proxy proxy;
    private static S3Client s3;
    private static S3HttpServer cpeServer;
    private static S3Client cpeOverHttp;
    private static S3Client cpeInProcess;

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
        ObjectStore objects = ObjectStore.open(dir.resolve("cpe-s3"));
        cpeServer = new S3HttpServer(
                new S3RestProtocol(
                        objects,
                        Optional.of(new SigV4Verifier(Map.of("media-key", "media-secret"), Clock.systemUTC())),
                        "us-east-1"),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "/s3");
        cpeOverHttp = S3Client.builder()
                .endpointOverride(URI.create(cpeServer.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("media-key", "media-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        cpeInProcess = new EmbeddedS3Client(objects);
        Path video = Media.video(dir, "in.mp4", 640, 360, 4);
        for (S3Client client : List.of(s3, cpeOverHttp)) {
            client.createBucket(b -> b.bucket("media"));
            client.putObject(r -> r.bucket("media").key("inbox/in.mp4"), RequestBody.fromFile(video));
        }
    }

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("CPE's embedded store, in-process", cpeInProcess),
                Arguments.of("CPE's embedded store over HTTP", cpeOverHttp),
                Arguments.of("S3Proxy over HTTP", s3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
        if (cpeOverHttp != null) {
            cpeOverHttp.close();
            cpeServer.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anS3AssetIsValidatedAndTranscodedToS3(String name, S3Client s3) throws Exception {
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
        Path back = dir.resolve("back-" + name.hashCode() + ".mp4");
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aMissingObjectAndAWorkerWithoutS3AreNamed(String name, S3Client s3) {
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
