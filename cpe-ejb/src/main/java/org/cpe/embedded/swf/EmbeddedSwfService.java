package org.cpe.embedded.swf;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.cpe.aws.LocalSwf;
import org.cpe.config.CpeSettings;
import org.cpe.config.EmbeddedSwfSettings;
import org.cpe.swf.client.EmbeddedSwfClient;
import org.cpe.swf.engine.EngineOptions;
import org.cpe.swf.engine.SwfEngine;
import org.cpe.swf.files.OwnerOnly;
import org.cpe.swf.store.JdbcSwfStore;
import software.amazon.awssdk.services.swf.SwfClient;

/** This server's embedded SWF service, when the {@code embedded-swf} role runs: started and stopped by its role. */
@ApplicationScoped
public class EmbeddedSwfService implements LocalSwf {

    private volatile JdbcSwfStore store;
    private volatile SwfEngine engine;

    /**
     * Opens the database (migrating its schema), and resumes the executions it holds. The default H2 database's
     * folder, {@code <data-dir>/swf}, is made or kept {@code rwx------} first, since H2 would make it for everyone.
     */
    public synchronized void start(CpeSettings settings) {
        if (engine != null) {
            throw new IllegalStateException("the embedded SWF service is already running");
        }
        EmbeddedSwfSettings swf = settings.embeddedSwf();
        if (swf.jdbcUrl().isEmpty()) {
            try {
                OwnerOnly.dataSubfolder(settings.dataDir(), "swf");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the embedded SWF folder in " + settings.dataDir(), e);
            }
        }
        JdbcSwfStore opened = JdbcSwfStore.open(
                swf.jdbcUrl(settings.dataDir()),
                swf.user().orElse(null),
                swf.password().orElse(null));
        try {
            engine = SwfEngine.start(opened, EngineOptions.defaults().withPollTimeout(swf.pollTimeout()));
            store = opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Whether the service runs in this server. */
    public boolean isRunning() {
        return engine != null;
    }

    /** The engine, for the HTTP endpoint. */
    public SwfEngine engine() {
        SwfEngine running = engine;
        if (running == null) {
            throw new IllegalStateException(
                    "the embedded SWF service is not running in this server (role embedded-swf)");
        }
        return running;
    }

    /** An in-process client of the engine. */
    @Override
    public SwfClient client() {
        return new EmbeddedSwfClient(engine());
    }

    /** Why the database cannot be written, while the service retries; empty when healthy. */
    public Optional<String> storeFailure() {
        SwfEngine running = engine;
        return running == null ? Optional.empty() : running.storeFailure();
    }

    /** Tells {@code listener} when the database starts failing (why) and when it works again (empty). */
    public void watchStore(java.util.function.Consumer<Optional<String>> listener) {
        engine().onStoreFailureChange(listener);
    }

    /** Stops timers, then writes what is queued and closes the database. */
    public synchronized void stop() {
        if (engine != null) {
            engine.close();
            store.close();
            engine = null;
            store = null;
        }
    }
}
