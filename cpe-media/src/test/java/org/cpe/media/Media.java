package org.cpe.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test media made with ffmpeg's own test sources, and ffprobe's view of results. */
final class Media {

    private Media() {}

    /**
     * Skips the tests with a hint where ffmpeg is not installed, except under CI ({@code CI=true}, where {@code .ci/run}
     * installs it), where they fail.
     */
    static void requireFfmpeg() {
        boolean present;
        try {
            Process probe = new ProcessBuilder("ffmpeg", "-version")
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            present = probe.waitFor() == 0;
        } catch (Exception e) {
            present = false;
        }
        if (!"true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    present, "the media tests need ffmpeg and ffprobe: apt-get install ffmpeg");
        } else {
            assertThat(present)
                    .as("CI runs the media tests: ffmpeg must be installed")
                    .isTrue();
        }
    }

    /** An H.264/AAC MP4 of {@code seconds} with the test picture at {@code width} x {@code height}, 25 fps. */
    static Path video(Path dir, String name, int width, int height, int seconds) throws Exception {
        return generate(
                dir.resolve(name),
                List.of(
                        "testsrc=size=" + width + "x" + height + ":rate=25:duration=" + seconds,
                        "sine=frequency=440:duration=" + seconds),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-shortest");
    }

    /** A PNG of the test picture. */
    static Path image(Path dir, String name, int width, int height) throws Exception {
        return generate(
                dir.resolve(name),
                List.of("testsrc=size=" + width + "x" + height + ":rate=1:duration=1"),
                "-frames:v",
                "1");
    }

    /** An MP3 of a sine tone. */
    static Path audio(Path dir, String name, int seconds) throws Exception {
        return generate(dir.resolve(name), List.of("sine=frequency=440:duration=" + seconds));
    }

    /** A plain square PNG of one colour (an ffmpeg colour name), as a watermark. */
    static Path square(Path dir, String name, String color, int size) throws Exception {
        return generate(
                dir.resolve(name),
                List.of("color=c=" + color + ":size=" + size + "x" + size + ":duration=1"),
                "-frames:v",
                "1");
    }

    /** Runs ffmpeg on its test {@code sources} (lavfi) with the output {@code options} into {@code file}. */
    private static Path generate(Path file, List<String> sources, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        for (String source : sources) {
            command.addAll(List.of("-f", "lavfi", "-i", source));
        }
        command.addAll(List.of(options));
        command.add(file.toString());
        run(command.toArray(String[]::new));
        return file;
    }

    /** The red, green and blue of the pixel at x, y (rounded down to even) of the frame at {@code second}. */
    static int[] pixel(Path video, double second, int x, int y) throws Exception {
        Process process = new ProcessBuilder(List.of(
                        "ffmpeg",
                        "-v",
                        "error",
                        "-ss",
                        String.valueOf(second),
                        "-i",
                        video.toString(),
                        "-frames:v",
                        "1",
                        "-vf",
                        "crop=2:2:" + (x & ~1) + ":" + (y & ~1),
                        "-f",
                        "rawvideo",
                        "-pix_fmt",
                        "rgb24",
                        "-"))
                .start();
        byte[] rgb = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // A 2x2 block (YUV 4:2:0 crops by even sizes); its first pixel.
        assertThat(rgb)
                .as(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .hasSize(12);
        return new int[] {rgb[0] & 0xff, rgb[1] & 0xff, rgb[2] & 0xff};
    }

    static JsonNode probe(Path file) throws Exception {
        return new ObjectMapper()
                .readTree(
                        run("ffprobe", "-v", "error", "-of", "json", "-show_format", "-show_streams", file.toString()));
    }

    static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode stream : probe.path("streams")) {
            if (stream.path("codec_type").asText().equals(type)) {
                return stream;
            }
        }
        return null;
    }

    static String run(String... command) throws Exception {
        Process process =
                new ProcessBuilder(List.of(command)).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("%s%n%s", String.join(" ", command), err)
                .isZero();
        return out;
    }

    /** The ffmpeg processes running now, by their command lines. */
    static List<String> ffmpegProcesses() {
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(line -> {
            if (line.contains("ffmpeg") && line.contains("-progress")) {
                found.add(line);
            }
        }));
        return found;
    }
}
