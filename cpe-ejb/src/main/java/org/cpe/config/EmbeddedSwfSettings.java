package org.cpe.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedded SWF-compatible service of the {@code embedded-swf} role: the JDBC database it keeps its state in
 * (H2 under the data folder unless a URL is given) and how long a poll waits for a task.
 */
public record EmbeddedSwfSettings(
        Optional<String> jdbcUrl, Optional<String> user, Optional<String> password, Duration pollTimeout) {

    static final String JDBC_URL_KEY = "cpe.embedded-swf.jdbc-url";

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
        return new EmbeddedSwfSettings(
                url,
                reader.optional("cpe.embedded-swf.jdbc-user"),
                reader.optional("cpe.embedded-swf.jdbc-password"),
                reader.seconds("cpe.embedded-swf.poll-timeout-seconds", 1, 60));
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
