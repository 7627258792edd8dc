package org.cpe.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * Where an asset is or goes: a {@code file:} path, or an {@code http(s):} URL (input only). Given as a URI string, as
 * {@code {"uri": …}}, or in the original's shape {@code {"http": url}}.
 */
public record Location(URI uri) {

    /** The kinds of place a location can be. */
    public enum Kind {
        FILE,
        HTTP
    }

    /** The location in {@code node} (a string or an object), named {@code field} in errors. */
    public static Location parse(String field, JsonNode node) throws ActivityException {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ActivityException(
                    MediaReasons.INPUT_MISSING, "\"" + field + "\" is missing: give a file: or http(s): URI");
        }
        String text;
        if (node.isTextual()) {
            text = node.asText();
        } else if (node.path("uri").isTextual()) {
            text = node.path("uri").asText();
        } else if (node.path("http").isTextual()) {
            text = node.path("http").asText();
        } else if (node.has("bucket")) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID,
                    "\"" + field + "\" names an S3 bucket: this worker has no S3 storage yet; give a file: or"
                            + " http(s): URI");
        } else {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID,
                    "\"" + field + "\" must be a URI string or {\"uri\": …}, not " + node);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID, "\"" + field + "\" is not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file") && uri.getPath() != null && !uri.getPath().isEmpty()) {
            return new Location(uri);
        }
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
            return new Location(uri);
        }
        throw new ActivityException(
                ActivityReasons.INPUT_INVALID,
                "\"" + field + "\" = \"" + text + "\": CPE reads assets from file: and http(s): URIs"
                        + " (such as file:///data/in.mp4)");
    }

    public Kind kind() {
        return uri.getScheme().equalsIgnoreCase("file") ? Kind.FILE : Kind.HTTP;
    }

    /** The local path of a {@code file:} location. */
    public Path path() {
        return Path.of(uri);
    }

    /** The last segment of the path, for naming local copies. */
    public String fileName() {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "asset" : name;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
