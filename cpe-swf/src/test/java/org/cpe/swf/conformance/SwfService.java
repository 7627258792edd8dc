package org.cpe.swf.conformance;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.cpe.swf.client.EmbeddedSwfClient;
import org.cpe.swf.engine.EngineOptions;
import org.cpe.swf.engine.SwfEngine;
import org.cpe.swf.http.SwfHttpServer;
import org.cpe.swf.http.SwfJsonProtocol;
import org.cpe.swf.store.JdbcSwfStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The embedded SWF service as a test talks to it: a database of its own, the engine, the HTTP endpoint on a random
 * loopback port, and the unchanged AWS SDK v2 client pointed at it. The database is H2 in a folder under
 * {@code target/}, or a fresh schema of the PostgreSQL database named by {@code -Dcpe.test.postgres-url}.
 */
final class SwfService implements AutoCloseable {

    /** Polls return after this long in tests, so an empty poll does not hold a test for a minute. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);

    private final String jdbcUrl;
    private final EngineOptions options;
    private JdbcSwfStore store;
    private SwfEngine engine;
    private SwfHttpServer server;
    private SwfClient client;

    private SwfService(String jdbcUrl, EngineOptions options) {
        this.jdbcUrl = jdbcUrl;
        this.options = options;
    }

    static SwfService start() {
        return start(EngineOptions.defaults().withPollTimeout(POLL_TIMEOUT));
    }

    static SwfService start(EngineOptions options) {
        return open(newDatabase(), options);
    }

    /** The service on an existing database, such as one a killed process left behind. */
    static SwfService open(String jdbcUrl, EngineOptions options) {
        SwfService service = new SwfService(jdbcUrl, options);
        service.open();
        return service;
    }

    /** The SDK client over HTTP. */
    SwfClient client() {
        return client;
    }

    /** The in-process client of the same engine. */
    SwfClient inProcessClient() {
        return new EmbeddedSwfClient(engine);
    }

    URI endpoint() {
        return server.uri();
    }

    SwfEngine engine() {
        return engine;
    }

    /** Stops everything as a crash would leave the database, then starts again on the same database. */
    void restart() {
        stop();
        open();
    }

    private void open() {
        try {
            store = JdbcSwfStore.open(jdbcUrl, null, null);
            engine = SwfEngine.start(store, options);
            server = new SwfHttpServer(
                            new SwfJsonProtocol(new EmbeddedSwfClient(engine)),
                            new InetSocketAddress("127.0.0.1", 0),
                            "/swf")
                    .start();
            client = SwfClient.builder()
                    .endpointOverride(server.uri())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.builder()
                            .socketTimeout(Duration.ofSeconds(30))
                            .build())
                    .build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        client.close();
        server.close();
        engine.close();
        store.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** A database no other test uses. */
    static String newDatabase() {
        String postgres = System.getProperty("cpe.test.postgres-url", "");
        if (!postgres.isBlank()) {
            String schema =
                    "swf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(postgres)) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "PostgreSQL at " + postgres + " is not reachable: " + e.getMessage(), e);
            }
            return postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        try {
            Path dir = Paths.get("target", "conformance", UUID.randomUUID().toString());
            Files.createDirectories(dir);
            return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("swf");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
