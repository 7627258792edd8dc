package org.cpe.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;

/**
 * Runs ffmpeg and ffprobe as child processes from argument lists: no shell ever parses an argument. ffmpeg reports its
 * progress on a pipe ({@code -progress pipe:1}); the last lines of its error output explain a failure; a cancellation
 * kills it.
 */
final class Ffmpeg {

    /** How many of ffmpeg's last output lines a failure reason carries. */
    static final int TAIL_LINES = 12;

    private final String ffmpeg;
    private final String ffprobe;

    Ffmpeg(String ffmpeg, String ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    /** The programs on the PATH, or where {@code cpe.media.ffmpeg} and {@code cpe.media.ffprobe} say. */
    static Ffmpeg fromSystem() {
        return new Ffmpeg(
                System.getProperty("cpe.media.ffmpeg", "ffmpeg"), System.getProperty("cpe.media.ffprobe", "ffprobe"));
    }

    /**
     * The arguments that make {@code file} an input. Only the file protocol: a media file that names further
     * resources (a playlist) must not make ffmpeg fetch from the network.
     */
    static List<String> input(Path file) {
        return List.of("-protocol_whitelist", "file", "-i", file.toString());
    }

    /** Adds {@code option value} to {@code arguments} when the value is set. */
    static void option(List<String> arguments, String option, String value) {
        if (value != null) {
            arguments.add(option);
            arguments.add(value);
        }
    }

    /** ffprobe's JSON ({@code format} and {@code streams}) of {@code file}. */
    String probe(Path file, ActivityContext context) throws ActivityException {
        List<String> command = List.of(
                ffprobe,
                "-v",
                "error",
                "-protocol_whitelist",
                "file",
                "-of",
                "json",
                "-show_format",
                "-show_streams",
                file.toString());
        StringBuilder out = new StringBuilder();
        Result result = run(command, context, line -> out.append(line).append('\n'));
        if (result.exit != 0) {
            throw new ActivityException(
                    MediaReasons.INVALID_ASSET,
                    "ffprobe found no media it can read in the asset: " + String.join("\n", result.tail));
        }
        return out.toString();
    }

    /**
     * Runs ffmpeg with {@code arguments} (after the program name, before the output options that report progress),
     * calling {@code progress} with the seconds of output done.
     */
    void transcode(List<String> arguments, ActivityContext context, DoubleConsumer progress) throws ActivityException {
        List<String> command = new ArrayList<>();
        command.add(ffmpeg);
        command.addAll(List.of("-hide_banner", "-nostdin", "-nostats", "-y", "-progress", "pipe:1"));
        command.addAll(arguments);
        Result result = run(command, context, line -> {
            // out_time_us is in microseconds (out_time_ms is, despite its name, too); N/A before the first frame.
            if (line.startsWith("out_time_us=")) {
                try {
                    progress.accept(Long.parseLong(line.substring("out_time_us=".length())) / 1_000_000.0);
                } catch (NumberFormatException notYet) {
                    // N/A
                }
            }
        });
        if (result.exit != 0) {
            throw new ActivityException(
                    MediaReasons.FFMPEG_FAILED,
                    "ffmpeg exited with status " + result.exit + "; its last lines:\n"
                            + String.join("\n", result.tail));
        }
    }

    private record Result(int exit, List<String> tail) {}

    /** A line of standard output. */
    private interface LineSink {
        void accept(String line);
    }

    private Result run(List<String> command, ActivityContext context, LineSink stdout) throws ActivityException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ActivityException(
                    MediaReasons.FFMPEG_MISSING,
                    command.get(0) + " cannot be started (" + e.getMessage() + "): install ffmpeg (Debian: apt-get"
                            + " install ffmpeg) or set cpe.media.ffmpeg and cpe.media.ffprobe to the programs",
                    e);
        }
        context.onCancel(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        Deque<String> tail = new ArrayDeque<>();
        Thread errors = new Thread(
                () -> {
                    try (BufferedReader err = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = err.readLine()) != null; ) {
                            synchronized (tail) {
                                tail.addLast(line);
                                if (tail.size() > TAIL_LINES) {
                                    tail.removeFirst();
                                }
                            }
                        }
                    } catch (IOException closed) {
                        // The process ended.
                    }
                },
                "cpe-media-stderr");
        errors.setDaemon(true);
        errors.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                stdout.accept(line);
            }
        } catch (IOException closed) {
            // Killed on cancel: handled below.
        }
        try {
            int exit = process.waitFor();
            errors.join(TimeUnit.SECONDS.toMillis(5));
            context.throwIfCancelRequested();
            synchronized (tail) {
                return new Result(exit, List.copyOf(tail));
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            context.throwIfCancelRequested();
            throw new ActivityException(MediaReasons.FFMPEG_FAILED, "interrupted while " + command.get(0) + " ran", e);
        }
    }

    static Map<String, Object> progressDetails(double duration, double done) {
        int percent = duration <= 0 ? 0 : (int) Math.max(0, Math.min(100, Math.floor(done * 100 / duration)));
        return Map.of("duration", duration, "done", done, "progress", percent);
    }
}
