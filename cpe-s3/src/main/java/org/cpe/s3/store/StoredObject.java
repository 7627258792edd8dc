package org.cpe.s3.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;

/** An object opened for reading: its metadata and a channel on its bytes, which the caller closes. */
public record StoredObject(ObjectInfo info, FileChannel channel) implements Closeable {

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
