package org.cpe.media;

/** The parts of a file name that outputs are named after: the stem before the last dot, and the extension. */
final class FileNames {

    private FileNames() {}

    /** The name without its extension. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The extension with its dot, or {@code fallback} when the name has none. */
    static String extension(String name, String fallback) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : fallback;
    }
}
