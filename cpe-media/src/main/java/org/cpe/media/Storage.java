package org.cpe.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.access.HttpAnswer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Brings assets to the worker and results to where they go, streaming: a file is never held in memory whole. A
 * {@code file:} input is read where it is, if it lies under the server's storage roots; an http(s) input is downloaded
 * into the task's work folder from an address the server lets jobs reach, an {@code s3://} one likewise. Outputs are
 * made in the work folder and moved into place when complete, so that a half-written output never shows; an existing
 * file is replaced only when the job asked to overwrite it and its root allows that.
 */
final class Storage {

    private static final int CHUNK_BYTES = 256 * 1024;

    private Storage() {}

    /**
     * The asset at {@code location} as a local file, downloaded into {@code workDir} when it is remote. A playlist
     * (HLS, DASH, ffconcat) is refused: it names further files and URLs, which ffmpeg would open beyond the roots.
     */
    static Path fetch(Location location, Path workDir, ActivityContext context, MediaS3 s3) throws ActivityException {
        Path file;
        if (location.kind() == Location.Kind.S3) {
            file = s3Download(location, workDir.resolve("input-" + location.fileName()), context, s3);
        } else if (location.kind() == Location.Kind.FILE) {
            file = context.files().forReading(location.uri());
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new ActivityException(MediaReasons.DOWNLOAD_FAILED, "no readable file at " + location);
            }
        } else {
            file = download(location.uri(), workDir.resolve("input-" + location.fileName()), context);
        }
        refusePlaylist(file, location);
        return file;
    }

    private static void refusePlaylist(Path file, Location location) throws ActivityException {
        String head;
        try (InputStream in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ActivityException(MediaReasons.DOWNLOAD_FAILED, "reading " + location + " failed: " + e, e);
        }
        String start = head.replaceFirst("^(\u00ef\u00bb\u00bf)?\\s*", "").toLowerCase(Locale.ROOT);
        if (start.startsWith("#extm3u") || start.startsWith("ffconcat") || head.contains("<MPD")) {
            throw new ActivityException(
                    MediaReasons.INVALID_ASSET,
                    location + " is a playlist (HLS, DASH or ffconcat); give the media file itself, since a playlist"
                            + " names further files and URLs");
        }
    }

    private static Path download(URI uri, Path target, ActivityContext context) throws ActivityException {
        context.preparing(Map.of("downloading", uri.toString()));
        HttpAnswer answer;
        try {
            answer = context.web().get(uri);
        } catch (IOException e) {
            throw downloadFailed(uri, e, context);
        }
        // A cancellation closes the connection, which ends a read that waits for the server.
        context.onCancel(() -> closeQuietly(answer));
        try (answer;
                InputStream body = answer.body()) {
            if (answer.status() != 200) {
                throw new ActivityException(
                        MediaReasons.DOWNLOAD_FAILED, "GET " + uri + " answered HTTP " + answer.status());
            }
            long bytes = 0;
            long reported = 0;
            byte[] buffer = new byte[CHUNK_BYTES];
            try (OutputStream out = Files.newOutputStream(target)) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    context.throwIfCancelRequested();
                    out.write(buffer, 0, n);
                    bytes += n;
                    if (bytes - reported >= 16L * 1024 * 1024) {
                        context.preparing(Map.of("downloading", uri.toString(), "bytes", bytes));
                        reported = bytes;
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw downloadFailed(uri, e, context);
        }
    }

    private static ActivityException downloadFailed(URI uri, IOException e, ActivityContext context)
            throws ActivityException {
        context.throwIfCancelRequested();
        String cause = e instanceof UnknownHostException ? "its host cannot be resolved" : e.toString();
        return new ActivityException(MediaReasons.DOWNLOAD_FAILED, "GET " + uri + " failed: " + cause, e);
    }

    private static void closeQuietly(HttpAnswer answer) {
        try {
            answer.close();
        } catch (IOException e) {
            // Closed already, or the connection broke: either way it is done.
        }
    }

    private static Path s3Download(Location location, Path target, ActivityContext context, MediaS3 s3)
            throws ActivityException {
        S3Client client = s3.client();
        context.preparing(Map.of("downloading", location.toString()));
        try {
            client.getObject(r -> r.bucket(location.bucket()).key(location.key()), ResponseTransformer.toFile(target));
            return target;
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new ActivityException(MediaReasons.DOWNLOAD_FAILED, "no object at " + location, e);
        } catch (SdkException e) {
            context.throwIfCancelRequested();
            throw new ActivityException(
                    MediaReasons.DOWNLOAD_FAILED, "GET " + location + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Puts the finished {@code made} file at {@code target}, a {@code file:} location under the server's storage roots
     * (moved into place; an existing file replaced only with {@code overwrite} on a root that allows it) or an {@code
     * s3://} one (uploaded from the file, streaming).
     */
    static void store(Path made, Location target, boolean overwrite, ActivityContext context, MediaS3 s3)
            throws ActivityException {
        if (target.kind() == Location.Kind.S3) {
            S3Client client = s3.client();
            context.finishing(Map.of("storing", target.toString()));
            try {
                client.putObject(r -> r.bucket(target.bucket()).key(target.key()), RequestBody.fromFile(made));
                Files.deleteIfExists(made);
            } catch (SdkException | IOException e) {
                context.throwIfCancelRequested();
                throw new ActivityException(
                        MediaReasons.UPLOAD_FAILED, "PUT " + target + " failed: " + e.getMessage(), e);
            }
            return;
        }
        if (target.kind() != Location.Kind.FILE) {
            throw new ActivityException(
                    MediaReasons.UPLOAD_FAILED, "outputs go to file: or s3:// URIs; " + target + " is neither");
        }
        Path path = context.files().forWriting(target.uri(), overwrite);
        context.finishing(Map.of("storing", target.toString()));
        CopyOption[] replacing = overwrite ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING} : new CopyOption[0];
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            try {
                Files.move(made, path, replacing);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (IOException otherFileSystem) {
                // A move across file systems copies: copy to a temporary name next to the target, then rename.
                Path partial = path.resolveSibling("." + path.getFileName() + ".partial");
                Files.copy(made, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, path, replacing);
                Files.deleteIfExists(made);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ActivityException(
                    ActivityReasons.OUTPUT_EXISTS, target + " was made by someone else while this task ran", e);
        } catch (IOException e) {
            throw new ActivityException(MediaReasons.UPLOAD_FAILED, "writing " + target + " failed: " + e, e);
        }
    }
}
