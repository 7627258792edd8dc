package org.cpe.s3.store;

/**
 * Striped locks by bucket and key. An object's bytes and metadata are renamed into place, read and deleted under its
 * key's lock, so a reader never pairs one object's metadata with another's bytes; a bucket is created and deleted
 * under the lock of its empty key.
 */
final class KeyLocks {

    private static final int STRIPES = 64;

    private final Object[] locks = new Object[STRIPES];

    KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The lock of the key in the bucket; {@code ""} for the bucket itself. */
    Object of(String bucket, String key) {
        return locks[Math.floorMod(31 * bucket.hashCode() + key.hashCode(), STRIPES)];
    }
}
