package org.cpe.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import org.cpe.activity.ActivityException;

/**
 * A {@link ThumbnailActivity} input, validated: the image from {@code url} or base64 {@code data}, the box the
 * thumbnail must fit in, its format, the {@code file:} URI to write it to ({@code null} to return it inline), and
 * whether an existing file there may be replaced ({@code overwrite}, default false).
 */
record ThumbnailRequest(
        URI url, byte[] data, int maxWidth, int maxHeight, String format, String output, URI file, boolean overwrite) {

    static final List<String> FORMATS = List.of("png", "jpeg");
    static final int DEFAULT_SIZE = 128;
    static final int MAX_SIZE = 4096;

    static ThumbnailRequest from(JsonNode input) throws ActivityException {
        Inputs.requireExactlyOne(input, "url", "data");
        String url = Inputs.text(input, "url");
        String output = Inputs.text(input, "output");
        return new ThumbnailRequest(
                url == null ? null : Downloads.parse("url", url),
                url == null ? base64(Inputs.text(input, "data")) : null,
                (int) Inputs.number(input, "maxWidth", DEFAULT_SIZE, 1, MAX_SIZE),
                (int) Inputs.number(input, "maxHeight", DEFAULT_SIZE, 1, MAX_SIZE),
                Inputs.choice(input, "format", "png", FORMATS),
                output,
                output == null ? null : file(output),
                Inputs.flag(input, "overwrite"));
    }

    boolean opaque() {
        return format.equals("jpeg");
    }

    private static byte[] base64(String data) throws ActivityException {
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw Inputs.invalid("\"data\" is not base64: " + e.getMessage());
        }
    }

    private static URI file(String output) throws ActivityException {
        try {
            URI uri = new URI(output);
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                throw Inputs.invalid("\"output\" must be a file: URI such as file:thumbs/thumb.png, not \"" + output
                        + "\"; leave it out to get the thumbnail inline");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Inputs.invalid("\"output\" is not a URI: " + e.getMessage());
        }
    }
}
