package org.cpe.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded SWF-compatible service of the {@code embedded-swf} role: the JDBC database it keeps its state in
 * (H2 under the data folder unless a URL is given), how long a poll waits for a task, and whether its HTTP endpoint
 * requires requests signed (AWS Signature V4) with one of {@code accessKeys} (empty: the server's own local key).
 */
public record EmbeddedSwfSettings(
        Optional<String> jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        Duration pollTimeout,
        boolean signaturesRequired,
        Map<String, String> accessKeys) {

    static final String JDBC_URL_KEY = "cpe.embedded-swf.jdbc-url";
    static final String SIGNATURES_KEY = "cpe.embedded-swf.signatures";
    static final String ACCESS_KEYS_KEY = "cpe.embedded-swf.access-keys";

    static EmbeddedSwfSettings read(ConfigReader reader) {
        Optional<String> url = reader.optional(JDBC_URL_KEY);
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:postgresql:")) {
                reader.problem(
                        JDBC_URL_KEY,
                        u,
                        "names a database CPE does not support",
                        "a jdbc:h2: or jdbc:postgresql: URL, such as jdbc:postgresql://db-host:5432/cpe");
            }
        });
        boolean signaturesRequired = signaturesRequired(reader, SIGNATURES_KEY);
        Map<String, String> keys = new LinkedHashMap<>();
        reader.optional(ACCESS_KEYS_KEY).ifPresent(list -> {
            for (String pair : list.split(",")) {
                String[] parts = pair.trim().split(":", 2);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    reader.problem(
                            ACCESS_KEYS_KEY,
                            "(hidden)",
                            "has an entry that is not accessKeyId:secretAccessKey",
                            "a comma list of accessKeyId:secretAccessKey pairs");
                    return;
                }
                keys.put(parts[0].trim(), parts[1].trim());
            }
        });
        return new EmbeddedSwfSettings(
                url,
                reader.optional("cpe.embedded-swf.jdbc-user"),
                reader.optional("cpe.embedded-swf.jdbc-password"),
                reader.seconds("cpe.embedded-swf.poll-timeout-seconds", 1, 60),
                signaturesRequired,
                Map.copyOf(keys));
    }

    /** How an embedded service's HTTP endpoint checks requests: 'sigv4' (true) or 'open' (false). */
    static boolean signaturesRequired(ConfigReader reader, String key) {
        String signatures = reader.text(key);
        if (!signatures.equals("sigv4") && !signatures.equals("open")) {
            reader.problem(
                    key,
                    signatures,
                    "is not a way to check requests",
                    "'sigv4' (requests signed with an accepted access key) or 'open' (no check, for local use)");
        }
        return !signatures.equals("open");
    }

    /** Secrets stay out of logs. */
    @Override
    public String toString() {
        return "EmbeddedSwfSettings[jdbcUrl=" + jdbcUrl.map(u -> u.replaceAll("(?i)(password=)[^&;]*", "$1***"))
                + ", pollTimeout=" + pollTimeout + ", signaturesRequired=" + signaturesRequired + ", accessKeys="
                + accessKeys.keySet() + "]";
    }

    /** The configured URL, or the embedded default: an H2 file database in {@code <data-dir>/swf}. */
    public String jdbcUrl(Path dataDir) {
        return jdbcUrl.orElseGet(
                () -> "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("swf").resolve("swf"));
    }

    /** The URL with any password parameter hidden, for logs and health details. */
    public String displayUrl(Path dataDir) {
        return jdbcUrl(dataDir).replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
