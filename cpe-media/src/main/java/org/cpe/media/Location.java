package org.cpe.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * Where an asset is or goes: a {@code file:} path (absolute, {@code file:///srv/media/in.mp4}, or relative to the first
 * storage root, {@code file:in/clip.mp4}), an {@code s3://bucket/key} object, or an {@code http(s):} URL (input only).
 * Given as a URI string, as {@code {"uri": …}}, or in the original's shapes {@code {"bucket", "file"}} and {@code
 * {"http": url}}. Whether the server lets the job touch it is decided where it is read or written.
 */
public record Location(URI uri) {

    /** The kinds of place a location can be. */
    public enum Kind {
        FILE,
        S3,
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
        } else if (node.path("bucket").isTextual() && node.path("file").isTextual()) {
            String file = node.path("file").asText();
            text = "s3://" + node.path("bucket").asText() + "/" + (file.startsWith("/") ? file.substring(1) : file);
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
        if (scheme.equals("file") && !path(uri).isEmpty()) {
            return new Location(uri);
        }
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
            return new Location(uri);
        }
        if (scheme.equals("s3")
                && uri.getHost() != null
                && uri.getPath() != null
                && uri.getPath().length() > 1) {
            return new Location(uri);
        }
        throw new ActivityException(
                ActivityReasons.INPUT_INVALID,
                "\"" + field + "\" = \"" + text + "\": CPE reads assets from file:, s3:// and http(s): URIs"
                        + " (such as file:///data/in.mp4 or s3://bucket/in.mp4)");
    }

    public Kind kind() {
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("file") ? Kind.FILE : scheme.equals("s3") ? Kind.S3 : Kind.HTTP;
    }

    /** The bucket of an {@code s3://} location. */
    public String bucket() {
        return uri.getHost();
    }

    /** The object key of an {@code s3://} location. */
    public String key() {
        return uri.getPath().substring(1);
    }

    /** The location named {@code name} in the same folder (file) or under the same key prefix (S3). */
    public Location sibling(String name) {
        String path = path(uri);
        String folder = path.substring(0, path.lastIndexOf('/') + 1);
        try {
            if (kind() == Kind.FILE) {
                return new Location(
                        uri.isOpaque()
                                ? new URI("file", folder + name, null)
                                : new URI(
                                        "file",
                                        uri.getRawAuthority() == null ? "" : uri.getAuthority(),
                                        folder + name,
                                        null));
            }
            return new Location(new URI(uri.getScheme(), uri.getHost(), folder + name, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no sibling " + name + " of " + uri, e);
        }
    }

    /** The last segment of the path, for naming local copies. */
    public String fileName() {
        String path = path(uri);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "asset" : name;
    }

    /** The decoded path: a relative {@code file:} location's whole text after the scheme, else the URI's path. */
    private static String path(URI uri) {
        String path = uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath();
        return path == null ? "" : path;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
