package org.cpe.s3.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The store's {@code .tmp} folder, where every write lands first: bytes stream into a new file there and are forced to
 * disk, with their MD5, before the file is renamed into place, so that no reader sees part of an object. What a crash
 * left there is removed when the store opens.
 */
final class Staging {

    private final Path dir;

    Staging(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** A file written in full: where it is, its size, and its MD5 in hex (its S3 entity tag). */
    record Staged(Path file, long size, String md5) {}

    /** Removes the files of writes that never finished. */
    void clear() throws IOException {
        try (Stream<Path> leftovers = Files.list(dir)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A new empty file; the caller moves it into place or deletes it. */
    Path newFile() throws IOException {
        Path file = dir.resolve(UUID.randomUUID().toString());
        Files.createFile(file);
        return file;
    }

    /**
     * Streams {@code data} into a new file, never all in memory, and forces it to disk; the caller moves the file into
     * place or deletes it. A write that fails leaves no file.
     */
    Staged write(InputStream data) throws IOException {
        Path file = newFile();
        boolean written = false;
        try {
            MessageDigest md5 = md5();
            long size;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                    OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), md5)) {
                size = data.transferTo(out);
                out.flush();
                channel.force(true);
            }
            written = true;
            return new Staged(file, size, HexFormat.of().formatHex(md5.digest()));
        } finally {
            if (!written) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** MD5, the digest of S3's entity tags. */
    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
