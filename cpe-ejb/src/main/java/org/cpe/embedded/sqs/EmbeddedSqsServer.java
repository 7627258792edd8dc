package org.cpe.embedded.sqs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.cpe.config.EmbeddedSqsSettings;
import org.cpe.swf.files.OwnerOnly;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import scala.Function0;

/**
 * A running ElasticMQ server, optionally with its messages and queues persisted in an H2 database so that they
 * survive a restart. Reachable beyond loopback, it listens on loopback only behind a {@link SignedSqsFront} on the
 * configured address, which admits requests signed by an accepted key. Plain Java: the lifecycle bean owns when it
 * starts and stops.
 */
public final class EmbeddedSqsServer implements AutoCloseable {

    private final URI endpoint;
    private final URI localEndpoint;
    private final Function0<?> shutdown;
    private final SignedSqsFront front;
    private final Map<String, Long> persistedMessages;
    private final RestoreLog restoreLog;

    private EmbeddedSqsServer(
            URI endpoint,
            URI localEndpoint,
            Function0<?> shutdown,
            SignedSqsFront front,
            Map<String, Long> persistedMessages,
            RestoreLog restoreLog) {
        this.endpoint = endpoint;
        this.localEndpoint = localEndpoint;
        this.shutdown = shutdown;
        this.front = front;
        this.persistedMessages = Map.copyOf(persistedMessages);
        this.restoreLog = restoreLog;
    }

    /** Starts ElasticMQ answering every request on the configured address itself: on loopback, as tests do. */
    public static EmbeddedSqsServer start(EmbeddedSqsSettings settings, Path dataDir, EmbeddedQueues queues) {
        return start(settings, dataDir, queues, Optional.empty());
    }

    /**
     * Starts ElasticMQ on the configured interface and port (0 picks a free one) with the given queues; with
     * persistence on, its database lives in {@code <dataDir>/sqs}, readable by the server's user only. With {@code
     * acceptedKeys} (access key id to secret), a {@link SignedSqsFront} listens there instead and ElasticMQ on a free
     * loopback port, while its queue URLs still name the configured address. Throws when the port is taken. ElasticMQ
     * serves before it has restored its queues: wait with {@link EmbeddedQueues#awaitReady} before using them.
     */
    public static EmbeddedSqsServer start(
            EmbeddedSqsSettings settings,
            Path dataDir,
            EmbeddedQueues queues,
            Optional<Map<String, String>> acceptedKeys) {
        SignedSqsFront front = null;
        int port;
        String bindHost = settings.host();
        int bindPort;
        if (acceptedKeys.isPresent()) {
            bindHost = "127.0.0.1";
            bindPort = freePort(bindHost);
            front = startFront(settings, URI.create("http://127.0.0.1:" + bindPort), acceptedKeys.get());
            port = front.port();
        } else {
            port = settings.port() == 0 ? freePort(settings.host()) : requireFree(settings.host(), settings.port());
            bindPort = port;
        }
        try {
            return startElasticMq(settings, dataDir, queues, bindHost, bindPort, port, front);
        } catch (RuntimeException e) {
            if (front != null) {
                front.close();
            }
            throw e;
        }
    }

    private static EmbeddedSqsServer startElasticMq(
            EmbeddedSqsSettings settings,
            Path dataDir,
            EmbeddedQueues queues,
            String bindHost,
            int bindPort,
            int port,
            SignedSqsFront front) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("rest-sqs.enabled", true);
        overrides.put("rest-sqs.bind-hostname", bindHost);
        overrides.put("rest-sqs.bind-port", bindPort);
        overrides.put("rest-sqs.sqs-limits", "strict");
        overrides.put("generate-node-address", false);
        overrides.put("node-address.protocol", "http");
        overrides.put("node-address.host", settings.host());
        overrides.put("node-address.port", port);
        overrides.put("node-address.context-path", "");
        overrides.putAll(queues.elasticMqConfig());
        Map<String, Long> persisted = Map.of();
        if (settings.persistent()) {
            Path database = database(dataDir);
            persisted = PersistedMessages.count(database, queues.names());
            overrides.put("messages-storage.enabled", true);
            overrides.put("messages-storage.uri", "jdbc:h2:" + database);
            overrides.put("messages-storage.prune-data-on-init", false);
        }
        RestoreLog restoreLog = RestoreLog.listen();
        ClassLoader loader = EmbeddedSqsServer.class.getClassLoader();
        Config config = ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load(loader));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Pekko resolves its extensions through the context class loader; in a server that is not always ours.
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Function0<?> shutdown = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
            return new EmbeddedSqsServer(
                    URI.create("http://" + hostForUrl(settings.host()) + ":" + port),
                    URI.create("http://" + hostForUrl(bindHost) + ":" + bindPort),
                    shutdown,
                    front,
                    persisted,
                    restoreLog);
        } catch (RuntimeException e) {
            restoreLog.close();
            throw e;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static SignedSqsFront startFront(EmbeddedSqsSettings settings, URI target, Map<String, String> keys) {
        try {
            return SignedSqsFront.start(
                    new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), target, keys);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the embedded SQS cannot listen on " + settings.host() + ":" + settings.port() + " (" + e
                            + "); stop what uses it, or set cpe.embedded-sqs.port to another port or 0",
                    e);
        }
    }

    /** The endpoint SQS clients use, e.g. {@code http://127.0.0.1:9324}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Where this server's own roles reach ElasticMQ: the endpoint, or behind a front, ElasticMQ's loopback port, so
     * that they need no key the front accepts.
     */
    public URI localEndpoint() {
        return localEndpoint;
    }

    /** The messages each queue held on disk at start, which the restore must bring back; by queue name. */
    public Map<String, Long> persistedMessages() {
        return persistedMessages;
    }

    /** Whether ElasticMQ has logged the end of the queue's restore. */
    public boolean restored(String queue) {
        return restoreLog.restored(queue);
    }

    /** Stops the server and waits for it to release its port and database. */
    @Override
    public void close() {
        if (front != null) {
            front.close();
        }
        restoreLog.close();
        shutdown.apply();
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }

    private static int requireFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the embedded SQS cannot listen on " + host + ":" + port + " (" + e.getMessage()
                            + "); stop what uses it, or set cpe.embedded-sqs.port to another port or 0",
                    e);
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * ElasticMQ's H2 database, {@code <dataDir>/sqs/elasticmq}: the folder made or kept {@code rwx------}, and the file
     * made when missing and kept {@code rw-------}, since the queued messages are the clients' commands. ElasticMQ
     * then opens this file, whose mode H2 keeps, rather than make one as the umask says.
     */
    static Path database(Path dataDir) {
        Path database;
        try {
            database = OwnerOnly.dataSubfolder(dataDir, "sqs").resolve("elasticmq");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded SQS data folder in " + dataDir, e);
        }
        Path file = database.resolveSibling(database.getFileName() + ".mv.db");
        if (!Files.exists(file)) {
            // The driver itself, not DriverManager: in a server DriverManager does not see drivers of the application.
            try (Connection empty = new org.h2.Driver().connect("jdbc:h2:" + database, new Properties())) {
                // An empty database, as ElasticMQ's first connection would make it.
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "cannot create the embedded SQS database " + database + ": " + e.getMessage(), e);
            }
        }
        OwnerOnly.tighten(file);
        return database;
    }
}
