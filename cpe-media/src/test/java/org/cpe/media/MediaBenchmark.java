package org.cpe.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wall time of a transcode through {@code TranscodeAsset} against the same ffmpeg command run directly, alternating,
 * on a generated 1280x720 video ({@code -Dbenchmark.runs}, 5; {@code -Dbenchmark.seconds} of video, 20). Writes
 * {@code target/benchmarks/media.md}.
 */
@Tag("benchmark")
class MediaBenchmark {

    @TempDir
    Path dir;

    @Test
    void transcodeThroughTheActivityAgainstFfmpegDirectly() throws Exception {
        Media.requireFfmpeg();
        int runs = Integer.getInteger("benchmark.runs", 5);
        int seconds = Integer.getInteger("benchmark.seconds", 20);
        Path input = Media.video(dir, "input.mp4", 1280, 720, seconds);
        JsonNode metadata = Media.probe(input);
        String output = "{\"type\": \"VIDEO\", \"preset\": \"480p-generic\"}";
        List<String> arguments = VideoArguments.of(
                input,
                AssetInfo.of(metadata),
                OutputAsset.of(AssetInfo.JSON.readTree(output)),
                dir.resolve("direct.mp4"),
                null);
        List<String> direct = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-y"));
        direct.addAll(arguments);

        double[] directSeconds = new double[runs];
        double[] cpeSeconds = new double[runs];
        double[] describedSeconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            // Which goes first alternates, so that neither always runs on a machine the other just warmed.
            if (run % 2 == 0) {
                directSeconds[run] = direct(direct);
                cpeSeconds[run] = throughActivity(input, metadata, run, false);
            } else {
                cpeSeconds[run] = throughActivity(input, metadata, run, false);
                directSeconds[run] = direct(direct);
            }
            describedSeconds[run] = throughActivity(input, metadata, run, true);
        }

        double directMedian = median(directSeconds);
        double cpeMedian = median(cpeSeconds);
        double overhead = (cpeMedian / directMedian - 1) * 100;
        // Each run pairs the two back to back: the median of the pairs' differences is steadier than the medians'.
        double[] paired = new double[runs];
        for (int run = 0; run < runs; run++) {
            paired[run] = (cpeSeconds[run] / directSeconds[run] - 1) * 100;
        }
        String report = String.format(
                Locale.ROOT,
                "| %d s 1280x720 H.264 -> 480p-generic | %d | %.2f (%.2f–%.2f) s | %.2f (%.2f–%.2f) s | %+.1f %% |"
                        + " %+.1f (%+.1f to %+.1f) %% |%n"
                        + "With the output described by ffprobe (the default): %.2f (%.2f–%.2f) s, %+.1f %% over ffmpeg"
                        + " directly.%n"
                        + "load average at the end: %.2f; command: %s%n",
                seconds,
                runs,
                directMedian,
                min(directSeconds),
                max(directSeconds),
                cpeMedian,
                min(cpeSeconds),
                max(cpeSeconds),
                overhead,
                median(paired),
                min(paired),
                max(paired),
                median(describedSeconds),
                min(describedSeconds),
                max(describedSeconds),
                (median(describedSeconds) / directMedian - 1) * 100,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                String.join(" ", direct));
        System.out.println(report);
        Path reports = Path.of("target", "benchmarks");
        Files.createDirectories(reports);
        Files.writeString(
                reports.resolve("media.md"),
                "| input -> output | runs | ffmpeg directly: median (min–max) | TranscodeAsset: median (min–max) |"
                        + " overhead of the medians | overhead per pair: median (min to max) |\n"
                        + "|---|---:|---:|---:|---:|---:|\n" + report);
    }

    private static double direct(List<String> command) throws Exception {
        long start = System.nanoTime();
        Media.run(command.toArray(String[]::new));
        return (System.nanoTime() - start) / 1e9;
    }

    private double throughActivity(Path input, JsonNode metadata, int run, boolean describe) throws Exception {
        Path target = dir.resolve("cpe-" + run + ".mp4");
        String task = "{\"input_asset\": \"" + input.toUri() + "\", \"input_asset_metadata\": " + metadata
                + ", \"output_asset\": {\"type\": \"VIDEO\", \"preset\": \"480p-generic\", \"describe\": " + describe
                + ", \"uri\": \"" + target.toUri() + "\"}}";
        long start = System.nanoTime();
        new TranscodeAssetActivity()
                .execute(
                        FakeTask.of("TranscodeAsset", task),
                        new RecordingContext().withRoots(input.getParent(), target.getParent()));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(target).exists();
        Files.delete(target);
        return seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
