package org.cpe.s3.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Cuts one page of a listing from a bucket's sorted keys: start after a key, roll up by delimiter, stop at max. */
final class ListingPage {

    private final ObjectStore store;
    private final String bucket;
    private final String prefix;
    private final String delimiter;
    private final String after;
    private final int maxKeys;

    ListingPage(ObjectStore store, String bucket, String prefix, String delimiter, String after, int maxKeys) {
        this.store = store;
        this.bucket = bucket;
        this.prefix = prefix;
        this.delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        this.after = after == null || after.isEmpty() ? null : after;
        this.maxKeys = maxKeys;
    }

    Listing build(List<String> sortedKeys) throws IOException {
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        int count = 0;
        String last = null;
        boolean truncated = false;
        // Continuing after a common prefix skips every key under it.
        boolean afterRolledUp = after != null && delimiter != null && after.endsWith(delimiter);
        for (String key : sortedKeys) {
            if (after != null
                    && (ObjectStore.compareUtf8(key, after) <= 0 || (afterRolledUp && key.startsWith(after)))) {
                continue;
            }
            String rolledUp = rolledUp(key);
            if (rolledUp != null
                    && !prefixes.isEmpty()
                    && prefixes.get(prefixes.size() - 1).equals(rolledUp)) {
                continue;
            }
            if (count == maxKeys) {
                truncated = true;
                break;
            }
            if (rolledUp != null) {
                prefixes.add(rolledUp);
                last = rolledUp;
                count++;
                continue;
            }
            try {
                objects.add(store.head(bucket, key));
                last = key;
                count++;
            } catch (StoreException deletedMeanwhile) {
                // listed a moment ago, deleted since: not part of the page
            }
        }
        return new Listing(objects, prefixes, truncated, truncated ? last : null);
    }

    private String rolledUp(String key) {
        if (delimiter == null) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }
}
