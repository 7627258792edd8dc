package org.cpe.embedded.s3;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpe.config.CpeSettings;
import org.cpe.s3.EmbeddedS3;
import org.cpe.s3.client.EmbeddedS3Client;
import org.cpe.s3.store.ObjectStore;
import org.cpe.s3.store.StoreException;
import org.cpe.swf.files.OwnerOnly;
import software.amazon.awssdk.services.s3.S3Client;

/** This server's embedded S3 store, when the {@code embedded-s3} role runs: started and stopped by its role. */
@ApplicationScoped
public class EmbeddedS3Service implements EmbeddedS3 {

    private volatile ObjectStore store;

    /**
     * Opens the store in {@code <data-dir>/s3}, made or kept {@code rwx------}, and makes the configured buckets; the
     * ones it made.
     */
    public synchronized List<String> start(CpeSettings settings) {
        if (store != null) {
            throw new IllegalStateException("the embedded S3 store is already running");
        }
        try {
            ObjectStore opened = ObjectStore.open(OwnerOnly.dataSubfolder(settings.dataDir(), "s3"));
            List<String> made = new ArrayList<>();
            for (String bucket : settings.embeddedS3().buckets()) {
                if (opened.ensureBucket(bucket)) {
                    made.add(bucket);
                }
            }
            store = opened;
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StoreException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Where the store keeps its files. */
    public static Path folder(CpeSettings settings) {
        return settings.dataDir().toAbsolutePath().resolve("s3");
    }

    public boolean isRunning() {
        return store != null;
    }

    /** The store, for the HTTP endpoint. */
    public ObjectStore store() {
        ObjectStore running = store;
        if (running == null) {
            throw new IllegalStateException("the embedded S3 store is not running in this server (role embedded-s3)");
        }
        return running;
    }

    @Override
    public Optional<S3Client> client() {
        ObjectStore running = store;
        return running == null ? Optional.empty() : Optional.of(new EmbeddedS3Client(running));
    }

    public synchronized void stop() {
        store = null;
    }
}
