package org.cpe.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;

/**
 * A thumbnail of an image given as base64 {@code data} or at an http(s) {@code url}, made with javax.imageio: it keeps
 * the aspect ratio, fits in {@code maxWidth} x {@code maxHeight} (128 by default) and is never larger than the image.
 * The result is {@code {"width", "height", "format", "data": "<base64>"}}, or, with an {@code output} {@code file:}
 * URI under the server's storage roots, the file written there and {@code {"width", "height", "format", "output",
 * "size"}}; an existing file is replaced only with {@code "overwrite": true} on a root that allows it.
 */
@ApplicationScoped
@ActivityType(
        name = "Thumbnail",
        version = "1",
        description = "PNG or JPEG thumbnail of an image given inline or at an http(s) URL, inline or to a file: URI")
public class ThumbnailActivity implements Activity {

    /** A longer inline result would not fit in SWF's 32,768-character result along with the rest. */
    static final int MAX_INLINE_CHARS = 30_000;

    static final String RESULT_TOO_LARGE = "RESULT_TOO_LARGE";
    static final String OUTPUT_FAILED = "OUTPUT_FAILED";

    /** Downloads are held in memory to decode, so a larger one is refused. */
    static final int MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public JsonNode execute(ActivityTask task, ActivityContext context) throws ActivityException {
        ThumbnailRequest request = ThumbnailRequest.from(Inputs.object(task));
        byte[] image = request.url() == null ? request.data() : download(request.url(), context);
        ImageDecoder.Decoded decoded = ImageDecoder.decode(image, request.maxWidth(), request.maxHeight());
        BufferedImage thumbnail = ImageScaler.scale(decoded.image(), decoded.target(), request.opaque());
        context.finishing();
        byte[] encoded = encode(thumbnail, request.format());
        ObjectNode result = JSON.createObjectNode()
                .put("width", thumbnail.getWidth())
                .put("height", thumbnail.getHeight())
                .put("format", request.format());
        return request.file() == null ? inline(result, encoded) : write(result, encoded, request, context);
    }

    private static byte[] download(URI url, ActivityContext context) throws ActivityException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Downloads.fetch(url, context, (buffer, length) -> {
            if (body.size() + (long) length > MAX_DOWNLOAD_BYTES) {
                throw Inputs.invalid("the image at " + url + " is larger than " + MAX_DOWNLOAD_BYTES + " bytes");
            }
            body.write(buffer, 0, length);
        });
        return body.toByteArray();
    }

    private static byte[] encode(BufferedImage thumbnail, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // A memory cache, not ImageIO's default temporary files, which a server's temp folder may not allow.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(thumbnail, format, out)) {
                throw new IllegalStateException("This JDK has no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding a thumbnail in memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static ObjectNode inline(ObjectNode result, byte[] encoded) throws ActivityException {
        String data = Base64.getEncoder().encodeToString(encoded);
        if (data.length() > MAX_INLINE_CHARS) {
            throw new ActivityException(
                    RESULT_TOO_LARGE,
                    "the thumbnail is " + data.length() + " base64 characters, more than the " + MAX_INLINE_CHARS
                            + " a result may carry: ask for a smaller maxWidth/maxHeight, or give an \"output\""
                            + " file: URI to write it to");
        }
        return result.put("data", data);
    }

    /** Writes the thumbnail under the server's storage roots, never replacing a file unless the job asked to. */
    private static ObjectNode write(
            ObjectNode result, byte[] encoded, ThumbnailRequest request, ActivityContext context)
            throws ActivityException {
        Path file = context.files().forWriting(request.file(), request.overwrite());
        OpenOption[] options = request.overwrite()
                ? new OpenOption[] {
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS
                }
                : new OpenOption[] {StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS};
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, encoded, options);
        } catch (FileAlreadyExistsException e) {
            throw new ActivityException(
                    ActivityReasons.OUTPUT_EXISTS, request.output() + " was made by someone else meanwhile", e);
        } catch (IOException e) {
            throw new ActivityException(OUTPUT_FAILED, "writing " + request.output() + " failed: " + e, e);
        }
        return result.put("output", request.output()).put("size", encoded.length);
    }
}
