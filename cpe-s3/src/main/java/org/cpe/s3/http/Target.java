package org.cpe.s3.http;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a path-style request addresses: {@code /} the service, {@code /bucket} a bucket, {@code /bucket/key} an
 * object; and its query parameters. Paths are percent-decoded without turning '+' into a space, as S3 does.
 */
record Target(String bucket, String key, Map<String, String> query) {

    static Target of(String rawPath, String rawQuery) throws S3Error {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        int slash = path.indexOf('/', 1);
        String bucket = slash < 0 ? path.substring(1) : path.substring(1, slash);
        String key = slash < 0 || slash == path.length() - 1 ? null : path.substring(slash + 1);
        return new Target(
                bucket.isEmpty() ? null : decodePath(bucket), key == null ? null : decodePath(key), query(rawQuery));
    }

    boolean has(String parameter) {
        return query.containsKey(parameter);
    }

    String param(String name) {
        return query.get(name);
    }

    private static Map<String, String> query(String raw) throws S3Error {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        try {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(name, value);
            }
        } catch (IllegalArgumentException e) {
            throw S3Error.invalidArgument("The query string is not percent-encoded correctly: " + raw);
        }
        return params;
    }

    private static String decodePath(String raw) throws S3Error {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw S3Error.invalidArgument("The path is not percent-encoded correctly: " + raw);
                }
                try {
                    bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    throw S3Error.invalidArgument("The path is not percent-encoded correctly: " + raw);
                }
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
