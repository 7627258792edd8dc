package org.cpe.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ValidateAsset and TranscodeAsset with the real ffmpeg and ffprobe on media they make from ffmpeg's test sources,
 * each result checked with ffprobe. ({@code .ci/run} installs ffmpeg from Debian's packages.)
 */
class MediaActivitiesTest {

    @TempDir
    static Path media;

    static Path video;

    @TempDir
    Path out;

    @BeforeAll
    static void makeMedia() throws Exception {
        Media.requireFfmpeg();
        video = Media.video(media, "in.mp4", 640, 360, 4);
    }

    @Test
    void validateAssetGivesTheTypeTheMimeTypeAndTheMetadata() throws Exception {
        Path image = Media.image(media, "pic.png", 320, 240);
        Path sound = Media.audio(media, "tone.mp3", 2);

        JsonNode videoInfo = validate(video.toUri().toString());
        JsonNode imageInfo = validate(image.toUri().toString());
        JsonNode soundInfo = validate(sound.toUri().toString());

        assertThat(videoInfo.path("type").asText()).isEqualTo("VIDEO");
        assertThat(videoInfo.path("mime").asText()).isEqualTo("video/mp4");
        assertThat(Media.stream(videoInfo, "video").path("width").asInt()).isEqualTo(640);
        assertThat(videoInfo.at("/format/duration").asDouble()).isBetween(3.9, 4.2);
        assertThat(imageInfo.path("type").asText()).isEqualTo("IMAGE");
        assertThat(imageInfo.path("mime").asText()).isEqualTo("image/png");
        assertThat(soundInfo.path("type").asText()).isEqualTo("AUDIO");
        assertThat(soundInfo.path("mime").asText()).isEqualTo("audio/mpeg");
    }

    @Test
    void aPresetIsAppliedWithItsCodecOptionsAndNeverEnlargesThePicture() throws Exception {
        Path small = Media.video(media, "small.mp4", 320, 180, 2);

        JsonNode kept = transcode(small, "{\"type\": \"VIDEO\", \"preset\": \"720p-generic\"}", "kept.mp4");
        JsonNode enlarged = transcode(
                small, "{\"type\": \"VIDEO\", \"preset\": \"720p-generic\", \"allow_upscale\": true}", "big.mp4");
        JsonNode baseline = transcode(video, "{\"type\": \"VIDEO\", \"preset\": \"360p-generic\"}", "360.mp4");

        JsonNode keptVideo = Media.stream(Media.probe(out.resolve("kept.mp4")), "video");
        assertThat(keptVideo.path("width").asInt()).isEqualTo(320);
        assertThat(keptVideo.path("height").asInt()).isEqualTo(180);
        assertThat(keptVideo.path("profile").asText())
                .as("Profile:main of the preset")
                .isEqualTo("Main");
        JsonNode bigVideo = Media.stream(Media.probe(out.resolve("big.mp4")), "video");
        assertThat(bigVideo.path("width").asInt()).isEqualTo(1280);
        assertThat(bigVideo.path("height").asInt()).isEqualTo(720);
        JsonNode video360 = Media.stream(Media.probe(out.resolve("360.mp4")), "video");
        assertThat(video360.path("profile").asText()).containsIgnoringCase("Baseline");
        assertThat(video360.path("codec_name").asText()).isEqualTo("h264");
        assertThat(Media.stream(Media.probe(out.resolve("360.mp4")), "audio")
                        .path("codec_name")
                        .asText())
                .isEqualTo("aac");
        assertThat(kept.path("output").asText())
                .isEqualTo(out.resolve("kept.mp4").toUri().toString());
        assertThat(enlarged.path("streams").toString()).contains("1280");
        assertThat(baseline.at("/format/duration").asDouble()).isBetween(3.9, 4.2);
    }

    @Test
    void theOutputsOwnSettingsOverrideThePreset() throws Exception {
        transcode(
                video,
                "{\"type\": \"VIDEO\", \"preset\": \"720p-generic\", \"size\": \"320x240\", \"frame_rate\": \"15\","
                        + " \"video_codec\": \"mpeg4\", \"audio_codec\": \"libmp3lame\", \"video_codec_options\": \"\"}",
                "small.mkv");

        JsonNode probe = Media.probe(out.resolve("small.mkv"));
        JsonNode picture = Media.stream(probe, "video");
        assertThat(picture.path("codec_name").asText()).isEqualTo("mpeg4");
        assertThat(picture.path("width").asInt()).as("16:9 kept inside 320x240").isEqualTo(320);
        assertThat(picture.path("height").asInt()).isEqualTo(180);
        assertThat(picture.path("r_frame_rate").asText()).isEqualTo("15/1");
        assertThat(Media.stream(probe, "audio").path("codec_name").asText()).isEqualTo("mp3");
    }

    @Test
    void aWatermarkIsLaidOverTheScaledPictureFromTheCorner() throws Exception {
        Path mark = Media.square(media, "mark.png", "red", 64);

        transcode(
                video,
                "{\"type\": \"VIDEO\", \"preset\": \"360p-generic\", \"size\": \"320x180\", \"watermark\": {\"uri\": \""
                        + mark.toUri() + "\", \"size\": \"32x32\", \"opacity\": 1, \"x\": -8, \"y\": -8}}",
                "marked.mp4");

        Path marked = out.resolve("marked.mp4");
        JsonNode picture = Media.stream(Media.probe(marked), "video");
        assertThat(picture.path("width").asInt()).as("still scaled").isEqualTo(320);
        assertThat(picture.path("height").asInt()).isEqualTo(180);
        int[] inside = Media.pixel(marked, 1, 320 - 8 - 16, 180 - 8 - 16);
        transcode(video, "{\"type\": \"VIDEO\", \"preset\": \"360p-generic\", \"size\": \"320x180\"}", "plain.mp4");
        int[] unmarked = Media.pixel(out.resolve("plain.mp4"), 1, 320 - 8 - 16, 180 - 8 - 16);
        assertThat(inside[0])
                .as("red inside the watermark: %s", java.util.Arrays.toString(inside))
                .isGreaterThan(180);
        assertThat(inside[1]).isLessThan(80);
        assertThat(unmarked).as("the same spot without the watermark").isNotEqualTo(inside);
    }

    @Test
    void anHlsPresetWritesThePlaylistAndItsSegments() throws Exception {
        JsonNode result = transcode(video, "{\"type\": \"VIDEO\", \"preset\": \"hls-360p-generic\"}", "hls/index.m3u8");

        String playlist = Files.readString(out.resolve("hls/index.m3u8"));
        assertThat(playlist).contains("#EXTM3U", "index_00000.ts", "#EXT-X-ENDLIST");
        assertThat(out.resolve("hls/index_00000.ts")).exists();
        assertThat(result.path("files").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void thumbnailsOneSnapshotOrOneEveryNSeconds() throws Exception {
        JsonNode snapshot = transcode(
                video,
                "{\"type\": \"THUMB\", \"mode\": \"snapshot\", \"snapshot_sec\": 2, \"size\": \"160x160\"}",
                "thumb.jpg");
        JsonNode intervals =
                transcode(video, "{\"type\": \"THUMB\", \"mode\": \"intervals\", \"intervals\": 1}", "t/shot.jpg");

        JsonNode picture = Media.stream(Media.probe(out.resolve("thumb.jpg")), "video");
        assertThat(picture.path("codec_name").asText()).isEqualTo("mjpeg");
        assertThat(picture.path("width").asInt()).isEqualTo(160);
        assertThat(picture.path("height").asInt()).isEqualTo(90);
        assertThat(snapshot.path("files").size()).isEqualTo(1);
        try (Stream<Path> shots = Files.list(out.resolve("t"))) {
            assertThat(shots.map(p -> p.getFileName().toString()).sorted())
                    .startsWith("shot000001.jpg", "shot000002.jpg")
                    .hasSizeBetween(4, 5);
        }
        assertThat(intervals.path("files").size()).isBetween(4, 5);
    }

    @Test
    void withoutDescribeTheResultOnlySaysWhereTheOutputWent() throws Exception {
        JsonNode result = transcode(video, "{\"type\": \"AUDIO\", \"describe\": false}", "quiet.m4a");

        assertThat(result.path("output").asText())
                .isEqualTo(out.resolve("quiet.m4a").toUri().toString());
        assertThat(result.has("format")).isFalse();
        assertThat(result.has("streams")).isFalse();
        assertThat(out.resolve("quiet.m4a")).exists();
    }

    @Test
    void audioIsExtractedAlone() throws Exception {
        transcode(video, "{\"type\": \"AUDIO\", \"audio_bitrate\": \"96k\"}", "sound.m4a");

        JsonNode probe = Media.probe(out.resolve("sound.m4a"));
        assertThat(Media.stream(probe, "video")).isNull();
        assertThat(Media.stream(probe, "audio").path("codec_name").asText()).isEqualTo("aac");
        assertThat(probe.at("/format/duration").asDouble()).isBetween(3.9, 4.2);
    }

    @Test
    void imagesAreCroppedResizedWithoutEnlargingAndCompressed() throws Exception {
        Path image = Media.image(media, "photo.png", 800, 600);

        transcode(image, "{\"type\": \"IMAGE\", \"size\": \"400x400\", \"quality\": 80}", "resized.jpg");
        transcode(image, "{\"type\": \"IMAGE\", \"crop\": \"200:100:10:10\", \"size\": \"1000x1000\"}", "crop.png");

        JsonNode resized = Media.stream(Media.probe(out.resolve("resized.jpg")), "video");
        assertThat(resized.path("width").asInt()).isEqualTo(400);
        assertThat(resized.path("height").asInt()).isEqualTo(300);
        assertThat(resized.path("codec_name").asText()).isEqualTo("mjpeg");
        JsonNode cropped = Media.stream(Media.probe(out.resolve("crop.png")), "video");
        assertThat(cropped.path("width").asInt())
                .as("cropped, then not enlarged")
                .isEqualTo(200);
        assertThat(cropped.path("height").asInt()).isEqualTo(100);
    }

    @Test
    void progressIsReportedAsTheOriginalDidWhileFfmpegRuns() throws Exception {
        RecordingContext context = context();

        transcode(video, "{\"type\": \"VIDEO\", \"preset\": \"360p-generic\"}", "p.mp4", context);

        assertThat(context.progress).isNotEmpty();
        Object last = context.progress.get(context.progress.size() - 1);
        assertThat(last).isInstanceOf(Map.class);
        Map<?, ?> details = (Map<?, ?>) last;
        assertThat(details.keySet().stream().map(String::valueOf))
                .containsExactlyInAnyOrder("duration", "done", "progress");
        assertThat((Integer) details.get("progress")).isBetween(90, 100);
        assertThat(context.progress)
                .extracting(p -> (Integer) ((Map<?, ?>) p).get("progress"))
                .isSorted();
        assertThat(context.events).contains("FINISHING");
    }

    @Test
    void aCancellationKillsFfmpegAndLeavesNoOutput() throws Exception {
        Path long1 = Media.video(media, "long.mp4", 320, 180, 120);
        RecordingContext context = context();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                transcode(
                        long1,
                        "{\"type\": \"VIDEO\", \"size\": \"1920x1080\", \"allow_upscale\": true,"
                                + " \"video_codec\": \"libx264\", \"video_codec_options\": \"preset:veryslow\"}",
                        "never.mp4",
                        context);
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        context.runningOn(worker);
        worker.start();
        org.awaitility.Awaitility.await("ffmpeg reported progress")
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> !context.progress.isEmpty());

        context.cancel();

        assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(ActivityCanceledException.class);
        assertThat(Media.ffmpegProcesses()).noneMatch(line -> line.contains(long1.toString()));
        assertThat(out.resolve("never.mp4")).doesNotExist();
    }

    @Test
    void everyFailureHasItsReason() throws Exception {
        Path text = Files.writeString(media.resolve("notes.txt"), "not media at all\n");
        Path sound = Media.audio(media, "voice.mp3", 1);

        assertReason(() -> validate(media.resolve("missing.mp4").toUri().toString()), MediaReasons.DOWNLOAD_FAILED);
        assertReason(() -> validate(text.toUri().toString()), MediaReasons.INVALID_ASSET);
        assertReason(() -> validate("ftp://host/file"), "INPUT_INVALID");
        assertReason(
                () -> run(new TranscodeAssetActivity(), "{\"output_asset\": {\"type\": \"VIDEO\"}}"),
                MediaReasons.INPUT_MISSING);
        assertReason(() -> transcode(sound, "{\"type\": \"VIDEO\"}", "x.mp4"), MediaReasons.CONVERSION_TYPE_ERROR);
        assertReason(
                () -> transcode(video, "{\"type\": \"VIDEO\", \"preset\": \"8k\"}", "x.mp4"),
                MediaReasons.UNKNOWN_PRESET);
        assertReason(() -> transcode(video, "{\"type\": \"VIDEO\", \"size\": \"big\"}", "x.mp4"), "INPUT_INVALID");
        assertReason(
                () -> transcode(video, "{\"type\": \"VIDEO\", \"video_codec_options\": \"x;rm -rf /:1\"}", "x.mp4"),
                "INPUT_INVALID");
        assertThatThrownBy(() -> transcode(video, "{\"type\": \"VIDEO\", \"video_codec\": \"nosuchcodec\"}", "x.mp4"))
                .isInstanceOf(ActivityException.class)
                .satisfies(e -> assertThat(((ActivityException) e).reason()).isEqualTo(MediaReasons.FFMPEG_FAILED))
                .hasMessageContaining("nosuchcodec");
    }

    @Test
    void anHttpAssetIsDownloadedAndAnHttpErrorNamed() throws Exception {
        HttpServer server = serving(video, new AtomicInteger());
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            RecordingContext allowed =
                    context().allowing("127.0.0.1:" + server.getAddress().getPort());

            JsonNode info = run(new ValidateAssetActivity(), "{\"input_asset\": \"" + base + "/in.mp4\"}", allowed);

            assertThat(info.path("type").asText()).isEqualTo("VIDEO");
            assertReason(
                    () -> run(new ValidateAssetActivity(), "{\"input_asset\": \"" + base + "/missing.mp4\"}", allowed),
                    MediaReasons.DOWNLOAD_FAILED);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void internalUrlsAreNotDownloadedUnlessTheOperatorAllowsThem() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serving(video, requests);
        try {
            int port = server.getAddress().getPort();

            assertReason(() -> validate("http://127.0.0.1:" + port + "/in.mp4"), ActivityReasons.ADDRESS_NOT_ALLOWED);
            assertReason(() -> validate("http://localhost:" + port + "/in.mp4"), ActivityReasons.ADDRESS_NOT_ALLOWED);
            assertReason(
                    () -> transcode(
                            video,
                            "{\"type\": \"VIDEO\", \"watermark\": {\"uri\": \"http://127.0.0.1:" + port
                                    + "/mark.png\"}}",
                            "wm.mp4"),
                    ActivityReasons.ADDRESS_NOT_ALLOWED);
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPlaylistInputIsRefusedBeforeFfmpegFollowsIt() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serving(media.resolve("no-such-file"), requests);
        try {
            Path playlist = Files.writeString(
                    media.resolve("list.m3u8"),
                    "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\nhttp://127.0.0.1:"
                            + server.getAddress().getPort() + "/segment.ts\n#EXTINF:4,\n" + video
                            + "\n#EXT-X-ENDLIST\n");
            Path concat = Files.writeString(media.resolve("list.txt"), "ffconcat version 1.0\nfile '" + video + "'\n");

            assertReason(() -> validate(playlist.toUri().toString()), MediaReasons.INVALID_ASSET);
            assertReason(() -> validate(concat.toUri().toString()), MediaReasons.INVALID_ASSET);
            assertReason(() -> transcode(playlist, "{\"type\": \"VIDEO\"}", "pl.mp4"), MediaReasons.INVALID_ASSET);
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void filesOutsideTheRootsAreNeitherReadNorWrittenAndTheRefusalTellsNothingOfThem(@TempDir Path elsewhere)
            throws Exception {
        Path secret = Media.video(elsewhere, "secret.mp4", 160, 90, 1);
        Files.createSymbolicLink(out.resolve("link"), elsewhere);
        String outsideOut = elsewhere.resolve("evil/video.mp4").toUri().toString();

        assertReason(() -> validate(secret.toUri().toString()), ActivityReasons.FILE_NOT_ALLOWED);
        assertReason(() -> validate(out.toUri() + "link/secret.mp4"), ActivityReasons.FILE_NOT_ALLOWED);
        assertReason(
                () -> validate(out.toUri() + "x/../../" + elsewhere.getFileName() + "/secret.mp4"),
                ActivityReasons.FILE_NOT_ALLOWED);
        assertThat(failure(() -> validate("file:///etc/passwd")).replace("passwd", "X"))
                .isEqualTo(failure(() -> validate("file:///etc/no-such-file")).replace("no-such-file", "X"));
        for (String target :
                new String[] {outsideOut, "file:../" + elsewhere.getFileName() + "/v.mp4", out.toUri() + "link/v.mp4"
                }) {
            assertReason(
                    () -> run(
                            new TranscodeAssetActivity(),
                            "{\"input_asset\": \"" + video.toUri()
                                    + "\", \"output_asset\": {\"type\": \"VIDEO\", \"preset\": \"360p-generic\", \"uri\": \""
                                    + target + "\"}}"),
                    ActivityReasons.FILE_NOT_ALLOWED);
        }
        try (Stream<Path> files = Files.walk(elsewhere)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(secret);
        }
    }

    @Test
    void anExistingOutputIsReplacedOnlyWhenTheJobAsks() throws Exception {
        Path existing = Files.writeString(out.resolve("kept.jpg"), "an earlier job's thumbnail");
        String thumb = "{\"type\": \"THUMB\", \"mode\": \"snapshot\", \"snapshot_sec\": 1}";

        assertReason(() -> transcode(video, thumb, "kept.jpg"), ActivityReasons.OUTPUT_EXISTS);
        assertThat(existing).hasContent("an earlier job's thumbnail");

        transcode(video, thumb.replace("}", ", \"overwrite\": true}"), "kept.jpg");
        assertThat(Media.stream(Media.probe(existing), "video")
                        .path("codec_name")
                        .asText())
                .isEqualTo("mjpeg");
    }

    @Test
    void aRelativeLocationLiesUnderTheFirstRoot() throws Exception {
        JsonNode info = validate("file:" + video.getFileName());

        assertThat(info.path("type").asText()).isEqualTo("VIDEO");
    }

    private static String failure(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            return e.getMessage();
        }
        throw new AssertionError("no failure");
    }

    /**
     * A loopback HTTP server that answers {@code /in.mp4} with {@code file} (404 when it does not exist, as every other
     * path), counting the requests.
     */
    private static HttpServer serving(Path file, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            if (!exchange.getRequestURI().getPath().equals("/in.mp4") || !Files.exists(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        });
        server.start();
        return server;
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertReason(Call call, String reason) {
        assertThatThrownBy(call::run)
                .isInstanceOf(ActivityException.class)
                .satisfies(e -> assertThat(((ActivityException) e).reason()).isEqualTo(reason));
    }

    /** A context whose storage roots are the test's media and output folders. */
    private RecordingContext context() {
        return new RecordingContext().withRoots(media, out);
    }

    private JsonNode validate(String uri) throws Exception {
        return run(new ValidateAssetActivity(), "{\"input_asset\": \"" + uri + "\"}");
    }

    private JsonNode transcode(Path input, String output, String name) throws Exception {
        return transcode(input, output, name, context());
    }

    private JsonNode transcode(Path input, String output, String name, RecordingContext context) throws Exception {
        String target = out.resolve(name).toUri().toString();
        String withUri = output.substring(0, output.length() - 1) + ", \"uri\": \"" + target + "\"}";
        return new TranscodeAssetActivity()
                .execute(
                        FakeTask.of(
                                "TranscodeAsset",
                                "{\"input_asset\": {\"uri\": \"" + input.toUri() + "\"}, \"output_asset\": " + withUri
                                        + "}"),
                        context);
    }

    private JsonNode run(org.cpe.activity.Activity activity, String input) throws Exception {
        return run(activity, input, context());
    }

    private static JsonNode run(org.cpe.activity.Activity activity, String input, RecordingContext context)
            throws Exception {
        return (JsonNode) activity.execute(FakeTask.of("x", input), context);
    }
}
