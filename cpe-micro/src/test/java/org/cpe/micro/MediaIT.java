package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The packaged {@code cpe-transcode} plan on the whole stack: ValidateAsset, then a video and thumbnails made side by
 * side by TranscodeAsset with ffmpeg, the client told of their progress, and the outputs checked with ffprobe; once
 * with file assets and once with {@code s3://} assets in the server's own S3 store, reached by the test over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MediaIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The server's one storage root, where the tests put their input and the jobs write their outputs. */
    private static final Path media = Deployments.folder("media-files");

    @ArquillianResource
    URL base;

    private static int sqsPort;

    @Deployment(testable = false)
    static WebArchive deployment() throws java.io.IOException {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            sqsPort = socket.getLocalPort();
        }
        return Deployments.allInOne(
                "media",
                Map.of(
                        "cpe.embedded-swf.poll-timeout-seconds",
                        "2",
                        "cpe.embedded-sqs.port",
                        Integer.toString(sqsPort),
                        "cpe.storage.roots",
                        "overwrite:" + media));
    }

    @BeforeAll
    static void requireFfmpeg() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/ffmpeg"));
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(present, "the media tests need ffmpeg: apt-get install ffmpeg");
        }
        run(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=640x360:rate=25:duration=6",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=6",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-shortest",
                media.resolve("input.mp4").toString());
    }

    @Test
    void theTranscodePlanMakesAVideoAndThumbnailsWithProgress() throws Exception {
        String jobId = "media-" + System.nanoTime();
        Path out = media.resolve("out-" + jobId);
        String job = "{\"workflow\": {\"name\": \"cpe-transcode\", \"version\": \"1\"}, \"input_asset\": \""
                + media.resolve("input.mp4").toUri() + "\", \"video\": {\"type\": \"VIDEO\", \"preset\":"
                + " \"360p-generic\", \"size\": \"320x180\", \"uri\": \""
                + out.resolve("video.mp4").toUri()
                + "\"}, \"thumbnails\": {\"type\": \"THUMB\", \"mode\": \"intervals\", \"intervals\": 2, \"uri\": \""
                + out.resolve("thumbs/t.jpg").toUri() + "\"}}";

        JsonNode detail = runToItsEnd(jobId, job);
        assertThat(detail.at("/job/status").asText()).as(detail.toString()).isEqualTo("COMPLETED");
        assertThat(detail.at("/job/result/video/output").asText())
                .isEqualTo(out.resolve("video.mp4").toUri().toString());

        JsonNode video = probe(out.resolve("video.mp4"));
        assertThat(video.at("/streams/0/width").asInt()).isEqualTo(320);
        assertThat(video.at("/format/duration").asDouble()).isBetween(5.9, 6.2);
        try (Stream<Path> thumbs = Files.list(out.resolve("thumbs"))) {
            assertThat(thumbs.map(p -> p.getFileName().toString())).contains("t000001.jpg", "t000003.jpg");
        }
        List<JsonNode> messages = demoMessages(jobId);
        List<org.cpe.client.message.ActivityProgress> progress = messages.stream()
                .map(m -> org.cpe.client.message.CpeMessages.parse(m.toString()))
                .filter(org.cpe.client.message.ActivityProgress.class::isInstance)
                .map(org.cpe.client.message.ActivityProgress.class::cast)
                .toList();
        assertThat(progress)
                .as("ffmpeg's progress as the original sent it: {duration, done, progress}")
                .anySatisfy(p -> {
                    assertThat(p.details().path("duration").asDouble()).isBetween(5.9, 6.2);
                    assertThat(p.details().has("done")).isTrue();
                    assertThat(p.percent()).isBetween(0, 100);
                });
        assertThat(messages).extracting(m -> m.path("type").asText()).contains("WORKFLOW_COMPLETED");
    }

    @Test
    void aJobNamingFilesOutsideTheStorageRootsFailsAndWritesNothingThere(@TempDir Path elsewhere) throws Exception {
        String jobId = "media-outside-" + System.nanoTime();
        Path escaped = elsewhere.resolve("evil/video.mp4");
        String job = "{\"workflow\": {\"name\": \"cpe-transcode\", \"version\": \"1\"}, \"input_asset\": \""
                + media.resolve("input.mp4").toUri() + "\", \"video\": {\"type\": \"VIDEO\", \"preset\":"
                + " \"360p-generic\", \"uri\": \"" + escaped.toUri() + "\"}, \"thumbnails\": {\"type\": \"THUMB\","
                + " \"mode\": \"snapshot\", \"uri\": \"file:safe/../../escaped/thumb.jpg\"}}";

        JsonNode detail = runToItsEnd(jobId, job);
        assertThat(detail.at("/job/status").asText()).as(detail.toString()).isEqualTo("FAILED");
        assertThat(detail.at("/job/failure/reason").asText()).isEqualTo("FILE_NOT_ALLOWED");
        assertThat(detail.at("/job/failure/details").asText()).contains("cpe.storage.roots");
        assertThat(escaped).doesNotExist();
        assertThat(media.resolveSibling("escaped")).doesNotExist();
    }

    @Test
    void theTranscodePlanReadsAndWritesTheServersOwnS3Store() throws Exception {
        String jobId = "media-s3-" + System.nanoTime();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(base.toURI().resolve("s3"))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("cpe-local", "cpe-local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            // The default bucket 'media' exists from the start; the input goes in over HTTP as a user's upload would.
            s3.putObject(
                    r -> r.bucket("media").key("in/" + jobId + ".mp4"),
                    RequestBody.fromFile(media.resolve("input.mp4")));
            String job = "{\"workflow\": {\"name\": \"cpe-transcode\", \"version\": \"1\"}, \"input_asset\":"
                    + " \"s3://media/in/" + jobId + ".mp4\", \"video\": {\"type\": \"VIDEO\", \"preset\":"
                    + " \"360p-generic\", \"size\": \"320x180\", \"uri\": \"s3://media/out/" + jobId
                    + "/video.mp4\"}, \"thumbnails\": {\"type\": \"THUMB\", \"mode\": \"intervals\", \"intervals\": 2,"
                    + " \"uri\": {\"bucket\": \"media\", \"file\": \"out/" + jobId + "/thumbs/t.jpg\"}}}";

            JsonNode detail = runToItsEnd(jobId, job);
            assertThat(detail.at("/job/status").asText()).as(detail.toString()).isEqualTo("COMPLETED");
            assertThat(detail.at("/job/result/video/output").asText())
                    .isEqualTo("s3://media/out/" + jobId + "/video.mp4");
            Path video = media.resolve(jobId + ".mp4");
            s3.getObject(r -> r.bucket("media").key("out/" + jobId + "/video.mp4"), video);
            assertThat(probe(video).at("/streams/0/width").asInt()).isEqualTo(320);
            assertThat(s3.listObjectsV2(r -> r.bucket("media").prefix("out/" + jobId + "/thumbs/"))
                            .contents())
                    .extracting(o -> o.key())
                    .contains("out/" + jobId + "/thumbs/t000001.jpg", "out/" + jobId + "/thumbs/t000003.jpg");
        }
    }

    /** Starts {@code job} over the API as the demo client's {@code jobId} and waits for its end; its detail then. */
    private JsonNode runToItsEnd(String jobId, String job) throws Exception {
        Http.Response started = Http.postJson(base.toURI().resolve("api/jobs/demo?jobId=" + jobId), job);

        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> JSON.readTree(Http.get(base.toURI().resolve("api/jobs/demo/" + jobId + "?history=false"))
                                .body()),
                        d -> !d.at("/job/status").asText().equals("OPEN"));
    }

    /** The demo client's messages about {@code jobId}, read off its output queue until WORKFLOW_COMPLETED. */
    private static List<JsonNode> demoMessages(String jobId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        try (SqsClient sqs = Sqs.client("http://127.0.0.1:" + sqsPort)) {
            String queue = sqs.getQueueUrl(r -> r.queueName("demo-output")).queueUrl();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline
                    && found.stream().noneMatch(m -> m.path("type").asText().equals("WORKFLOW_COMPLETED"))) {
                for (var message : sqs.receiveMessage(
                                r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages()) {
                    JsonNode json = JSON.readTree(message.body());
                    if (json.toString().contains(jobId)) {
                        found.add(json);
                    }
                    sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
                }
            }
        }
        return found;
    }

    private static JsonNode probe(Path file) throws Exception {
        return JSON.readTree(run(
                "ffprobe",
                "-v",
                "error",
                "-of",
                "json",
                "-show_format",
                "-show_streams",
                "-select_streams",
                "v",
                file.toString()));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        return out;
    }
}
