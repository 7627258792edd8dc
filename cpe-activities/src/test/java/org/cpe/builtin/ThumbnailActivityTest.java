package org.cpe.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpe.activity.ActivityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThumbnailActivityTest {

    private final ThumbnailActivity activity = new ThumbnailActivity();
    private final RecordingContext context = new RecordingContext();

    @Test
    void wideImageFitsTheDefaultBoxKeepingItsAspectRatio() throws Exception {
        JsonNode result = run(data(TestImages.png(400, 200)));

        assertThat(result.get("width").asInt()).isEqualTo(128);
        assertThat(result.get("height").asInt()).isEqualTo(64);
        assertThat(result.get("format").asText()).isEqualTo("png");
        BufferedImage thumbnail = TestImages.decodeBase64(result.get("data").asText());
        assertThat(thumbnail.getWidth()).isEqualTo(128);
        assertThat(thumbnail.getHeight()).isEqualTo(64);
        assertThat(new Color(thumbnail.getRGB(10, 32))).isEqualTo(Color.RED);
        assertThat(new Color(thumbnail.getRGB(117, 32))).isEqualTo(Color.BLUE);
        assertThat(context.reports()).containsExactly("finishing");
    }

    @Test
    void tallImageFitsAGivenBoxByItsHeight() throws Exception {
        JsonNode result = run("{\"data\": \"" + TestImages.base64(TestImages.png(200, 400))
                + "\", \"maxWidth\": 100, \"maxHeight\": 100}");

        assertThat(result.get("width").asInt()).isEqualTo(50);
        assertThat(result.get("height").asInt()).isEqualTo(100);
    }

    @Test
    void smallerImageKeepsItsSize() throws Exception {
        JsonNode result = run(data(TestImages.png(50, 20)));

        BufferedImage thumbnail = TestImages.decodeBase64(result.get("data").asText());
        assertThat(thumbnail.getWidth()).isEqualTo(50);
        assertThat(thumbnail.getHeight()).isEqualTo(20);
        assertThat(result.get("width").asInt()).isEqualTo(50);
        assertThat(result.get("height").asInt()).isEqualTo(20);
    }

    @Test
    void largeImageIsScaledToExactlyTheFittingSize() throws Exception {
        JsonNode result = run("{\"data\": \"" + TestImages.base64(TestImages.png(3000, 1000))
                + "\", \"maxWidth\": 64, \"maxHeight\": 64}");

        BufferedImage thumbnail = TestImages.decodeBase64(result.get("data").asText());
        assertThat(thumbnail.getWidth()).isEqualTo(64);
        assertThat(thumbnail.getHeight()).isEqualTo(21);
    }

    @Test
    void jpegOutputIsAJpegWithTransparencyTurnedWhite() throws Exception {
        JsonNode result = run(
                "{\"data\": \"" + TestImages.base64(TestImages.transparentPng(400, 200)) + "\", \"format\": \"jpeg\"}");

        assertThat(result.get("format").asText()).isEqualTo("jpeg");
        byte[] jpeg = java.util.Base64.getDecoder().decode(result.get("data").asText());
        assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
        BufferedImage thumbnail = TestImages.decode(jpeg);
        assertThat(thumbnail.getWidth()).isEqualTo(128);
        assertThat(thumbnail.getHeight()).isEqualTo(64);
        assertThat(new Color(thumbnail.getRGB(64, 32)).getRed()).isGreaterThan(240);
    }

    @Test
    void outputFileUriGetsTheThumbnailInNewFoldersAndTheResultNamesIt(@TempDir Path folder) throws Exception {
        context.withRoot(folder);
        Path file = folder.resolve("a/b/thumb.png");
        String uri = file.toUri().toString();

        JsonNode result =
                run("{\"data\": \"" + TestImages.base64(TestImages.png(400, 200)) + "\", \"output\": \"" + uri + "\"}");

        assertThat(result.get("output").asText()).isEqualTo(uri);
        assertThat(result.has("data")).isFalse();
        assertThat(result.get("size").asLong()).isEqualTo(Files.size(file));
        BufferedImage thumbnail = TestImages.decode(Files.readAllBytes(file));
        assertThat(thumbnail.getWidth()).isEqualTo(128);
        assertThat(thumbnail.getHeight()).isEqualTo(64);
    }

    @Test
    void relativeOutputLiesUnderTheFirstRoot(@TempDir Path folder) throws Exception {
        context.withRoot(folder);

        JsonNode result = run(
                "{\"data\": \"" + TestImages.base64(TestImages.png(40, 20)) + "\", \"output\": \"file:t/thumb.png\"}");

        assertThat(result.get("output").asText()).isEqualTo("file:t/thumb.png");
        assertThat(folder.resolve("t/thumb.png")).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"file:///anywhere/evil/thumb.png", "file:safe/../../escaped/thumb.jpg", "file:link/thumb.png"})
    void outputOutsideTheRootsIsRefusedAndNothingIsWritten(String output, @TempDir Path temp) throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve("link"), elsewhere);
        context.withRoot(root);

        assertThatThrownBy(() -> run("{\"data\": \"" + TestImages.base64(TestImages.png(40, 20)) + "\", \"output\": \""
                        + output + "\"}"))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "FILE_NOT_ALLOWED");
        try (var files = Files.walk(temp)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(Path.of("/anywhere")).doesNotExist();
    }

    @Test
    void existingFileIsReplacedOnlyWhenTheJobAsks(@TempDir Path folder) throws Exception {
        context.withRoot(folder);
        Files.writeString(folder.resolve("thumb.png"), "keep me");
        String image = TestImages.base64(TestImages.png(40, 20));

        assertThatThrownBy(() -> run("{\"data\": \"" + image + "\", \"output\": \"file:thumb.png\"}"))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "OUTPUT_EXISTS");
        assertThat(folder.resolve("thumb.png")).hasContent("keep me");

        run("{\"data\": \"" + image + "\", \"output\": \"file:thumb.png\", \"overwrite\": true}");
        assertThat(TestImages.decode(Files.readAllBytes(folder.resolve("thumb.png")))
                        .getWidth())
                .isEqualTo(40);
    }

    @Test
    void outputWithoutRootsIsRefused() {
        assertThatThrownBy(() -> run("{\"data\": \"" + TestImages.base64(TestImages.png(40, 20))
                        + "\", \"output\": \"file:thumb.png\"}"))
                .hasFieldOrPropertyWithValue("reason", "FILE_NOT_ALLOWED");
    }

    @Test
    void imageAtAUrlIsDownloadedAfterReportingPreparing() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            context.allowing(server.allowEntry());
            server.serve("/image.png", 200, TestImages.png(400, 200), true);

            JsonNode result = run("{\"url\": \"" + server.url("/image.png") + "\"}");

            assertThat(result.get("width").asInt()).isEqualTo(128);
            assertThat(context.reports()).first().isEqualTo("preparing");
            assertThat(context.reports()).last().isEqualTo("finishing");
        }
    }

    @Test
    void missingImageAtAUrlFailsAsDownloadFailed() {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            context.allowing(server.allowEntry());
            server.serve("/missing.png", 404, new byte[0], true);

            assertThatThrownBy(() -> run("{\"url\": \"" + server.url("/missing.png") + "\"}"))
                    .isInstanceOf(ActivityException.class)
                    .hasFieldOrPropertyWithValue("reason", "DOWNLOAD_FAILED")
                    .hasMessageContaining("404");
        }
    }

    @Test
    void thumbnailTooLargeToReturnInlineFailsAskingForLessOrAFile() {
        String input = "{\"data\": \"" + TestImages.base64(TestImages.noisePng(600, 600))
                + "\", \"maxWidth\": 512, \"maxHeight\": 512}";

        assertThatThrownBy(() -> run(input))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "RESULT_TOO_LARGE")
                .hasMessageContaining("maxWidth")
                .hasMessageContaining("\"output\"");
    }

    @Test
    void dataThatIsNoImageIsInvalidListingTheReadableFormats() {
        String garbage = TestImages.base64("this is not an image at all".getBytes());

        assertThatThrownBy(() -> run("{\"data\": \"" + garbage + "\"}"))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "INPUT_INVALID")
                .hasMessageContaining("not an image ImageIO can read")
                .hasMessageContaining("png")
                .hasMessageContaining("jpeg");
    }

    @Test
    void truncatedImageIsInvalid() {
        byte[] png = TestImages.png(400, 200);
        byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);

        assertThatThrownBy(() -> run(data(truncated)))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "INPUT_INVALID");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"maxWidth\": 0             | \"maxWidth\" must be a whole number from 1 to 4096",
                "\"maxHeight\": 4097         | \"maxHeight\" must be a whole number from 1 to 4096",
                "\"maxWidth\": \"big\"       | \"maxWidth\" must be a whole number from 1 to 4096",
                "\"format\": \"gif\"         | \"format\" must be one of png, jpeg",
                "\"output\": \"s3://b/k\"    | \"output\" must be a file: URI",
                "\"output\": \"file:a b.png\" | \"output\" is not a URI",
                "\"overwrite\": \"yes\"      | \"overwrite\" must be true or false",
                "\"url\": \"http://x/\"      | exactly one of \"url\" or \"data\", not both"
            })
    void badOptionsAreInvalidWithTheAllowedValues(String option, String message) {
        String input = "{\"data\": \"" + TestImages.base64(TestImages.png(40, 20)) + "\", " + option + "}";

        assertThatThrownBy(() -> run(input))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "INPUT_INVALID")
                .hasMessageContaining(message);
    }

    private JsonNode run(String input) throws Exception {
        return activity.execute(TestTask.of(input), context);
    }

    private static String data(byte[] image) {
        return "{\"data\": \"" + TestImages.base64(image) + "\"}";
    }
}
