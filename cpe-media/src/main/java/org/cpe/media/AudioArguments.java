package org.cpe.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cpe.activity.ActivityException;

/**
 * The ffmpeg arguments of an AUDIO output: the first sound track alone, in the format of the output's extension,
 * with the preset's or the output's codec and bitrate if given.
 */
final class AudioArguments {

    private AudioArguments() {}

    /** The arguments that make {@code main} from {@code file}. */
    static List<String> of(Path file, OutputAsset output, Path main) throws ActivityException {
        Preset preset = output.preset();
        List<String> args = new ArrayList<>(Ffmpeg.input(file));
        args.addAll(List.of("-vn", "-map", "0:a:0"));
        Ffmpeg.option(args, "-c:a", preset.audioCodec());
        Ffmpeg.option(args, "-b:a", preset.audioBitrate());
        args.add(main.toString());
        return args;
    }
}
