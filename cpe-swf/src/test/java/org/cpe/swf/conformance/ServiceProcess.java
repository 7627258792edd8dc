package org.cpe.swf.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.cpe.swf.client.EmbeddedSwfClient;
import org.cpe.swf.engine.EngineOptions;
import org.cpe.swf.engine.SwfEngine;
import org.cpe.swf.http.SwfHttpServer;
import org.cpe.swf.http.SwfJsonProtocol;
import org.cpe.swf.store.JdbcSwfStore;

/**
 * The embedded SWF service alone in a process of its own, so that a test can kill it with SIGKILL: it serves HTTP
 * on a free loopback port, writes the port to a file, and runs until it is killed.
 */
public final class ServiceProcess {

    private ServiceProcess() {}

    /** Arguments: the JDBC URL, and the file to write the port to. */
    public static void main(String[] args) throws IOException, InterruptedException {
        JdbcSwfStore store = JdbcSwfStore.open(args[0], null, null);
        SwfEngine engine = SwfEngine.start(store, EngineOptions.defaults().withPollTimeout(Duration.ofSeconds(2)));
        SwfHttpServer server = new SwfHttpServer(
                        new SwfJsonProtocol(new EmbeddedSwfClient(engine)),
                        new InetSocketAddress("127.0.0.1", 0),
                        "/swf")
                .start();
        Path portFile = Path.of(args[1]);
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(partial, Integer.toString(server.port()), StandardCharsets.UTF_8);
        Files.move(partial, portFile);
        Thread.currentThread().join();
    }
}
