package org.cpe.swf.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.cpe.swf.client.EmbeddedSwfClient;
import org.cpe.swf.engine.EngineOptions;
import org.cpe.swf.engine.SwfEngine;
import org.cpe.swf.http.SwfHttpServer;
import org.cpe.swf.http.SwfJsonProtocol;
import org.cpe.swf.store.JdbcSwfStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * One scenario run's service: a fresh durable H2 database in {@code target/bench/<uuid>}, the engine over it, and
 * the client the workload talks through: the in-process {@link EmbeddedSwfClient}, or the unchanged SDK v2 client
 * (url-connection-client) against {@link SwfHttpServer} on a loopback port. Closing it deletes the database.
 */
final class BenchService implements AutoCloseable {

    enum Door {
        IN_PROCESS,
        HTTP
    }

    private final Path directory;
    private final JdbcSwfStore store;
    private final SwfEngine engine;
    private final SwfClient inProcess;
    private final SwfHttpServer server;
    private final SwfClient client;

    private BenchService(Door door, Duration pollTimeout) throws IOException {
        directory = Paths.get("target", "bench", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(directory);
        // benchmark.h2.options: settings appended to the H2 URL, such as ";CACHE_SIZE=262144", to compare them.
        store = JdbcSwfStore.open(
                "jdbc:h2:file:" + directory.resolve("swf") + System.getProperty("benchmark.h2.options", ""),
                null,
                null);
        engine = SwfEngine.start(store, EngineOptions.defaults().withPollTimeout(pollTimeout));
        inProcess = new EmbeddedSwfClient(engine);
        if (door == Door.HTTP) {
            server = new SwfHttpServer(new SwfJsonProtocol(inProcess), new InetSocketAddress("127.0.0.1", 0), "/swf")
                    .start();
            client = SwfClient.builder()
                    .endpointOverride(server.uri())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .httpClient(httpClient())
                    .build();
        } else {
            server = null;
            client = inProcess;
        }
    }

    private static final String HTTP_CLIENT = System.getProperty("benchmark.httpclient", "url-connection-client");

    /** The SDK HTTP client the HTTP door uses: {@code benchmark.httpclient}, url-connection-client or apache-client. */
    static String httpClientName() {
        return HTTP_CLIENT;
    }

    private static SdkHttpClient httpClient() {
        if (HTTP_CLIENT.equals("url-connection-client")) {
            return UrlConnectionHttpClient.builder()
                    .socketTimeout(Duration.ofSeconds(30))
                    .build();
        }
        if (!HTTP_CLIENT.equals("apache-client")) {
            throw new IllegalArgumentException(
                    "benchmark.httpclient must be url-connection-client or apache-client, not " + HTTP_CLIENT);
        }
        return ApacheHttpClient.builder()
                .maxConnections(256)
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * @param pollTimeout how long an empty long poll waits; short in the throughput runs so that idle pollers notice
     *     the end of a run quickly (a busy poller never waits that long)
     */
    static BenchService open(Door door, Duration pollTimeout) {
        try {
            return new BenchService(door, pollTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client the workload uses. */
    SwfClient client() {
        return client;
    }

    /** The in-process client, for setup and checks that should not be part of what is measured. */
    SwfClient inProcessClient() {
        return inProcess;
    }

    SwfEngine engine() {
        return engine;
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (server != null) {
            client.close();
            server.close();
        }
        engine.close();
        store.close();
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover database under target/ does no harm
        }
    }
}
