package org.cpe.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Brings assets to the worker and results to where they go, streaming: a file is never held in memory whole. A
 * {@code file:} input is read where it is; an http(s) or {@code s3://} input is downloaded into the task's work folder. Outputs are
 * made in the work folder and moved into place when complete, so that a half-written output never shows.
 */
final class Storage {

    private static final int CHUNK_BYTES = 256 * 1024;

    // One client for every task: it is thread-safe and pools its connections.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private Storage() {}

    /** The asset at {@code location} as a local file, downloaded into {@code workDir} when it is remote. */
    static Path fetch(Location location, Path workDir, ActivityContext context, MediaS3 s3) throws ActivityException {
        if (location.kind() == Location.Kind.S3) {
            return s3Download(location, workDir.resolve("input-" + location.fileName()), context, s3);
        }
        if (location.kind() == Location.Kind.FILE) {
            Path path = location.path();
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new ActivityException(MediaReasons.DOWNLOAD_FAILED, "no readable file at " + location);
            }
            return path;
        }
        return download(location.uri(), workDir.resolve("input-" + location.fileName()), context);
    }

    private static Path download(URI uri, Path target, ActivityContext context) throws ActivityException {
        context.preparing(Map.of("downloading", uri.toString()));
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofMinutes(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ActivityException(MediaReasons.DOWNLOAD_FAILED, "GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.throwIfCancelRequested();
            throw new ActivityException(MediaReasons.DOWNLOAD_FAILED, "GET " + uri + " was interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new ActivityException(
                        MediaReasons.DOWNLOAD_FAILED, "GET " + uri + " answered HTTP " + response.statusCode());
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
            throw new ActivityException(MediaReasons.DOWNLOAD_FAILED, "reading " + uri + " failed: " + e, e);
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
     * Puts the finished {@code made} file at {@code target}, a {@code file:} location (moved into place) or an {@code
     * s3://} one (uploaded from the file, streaming).
     */
    static void store(Path made, Location target, ActivityContext context, MediaS3 s3) throws ActivityException {
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
        context.finishing(Map.of("storing", target.toString()));
        Path path = target.path();
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            try {
                Files.move(made, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException atomicNotPossible) {
                // Another file system: copy to a temporary name next to the target, then rename.
                Path partial = path.resolveSibling("." + path.getFileName() + ".partial");
                Files.copy(made, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(made);
            }
        } catch (IOException e) {
            throw new ActivityException(MediaReasons.UPLOAD_FAILED, "writing " + target + " failed: " + e, e);
        }
    }
}
