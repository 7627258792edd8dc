package org.cpe.s3.store;

import java.util.List;

/**
 * One page of a bucket's keys in UTF-8 binary order: the objects, the common prefixes a delimiter rolled up, and the
 * key to continue after when the page is truncated.
 */
public record Listing(List<ObjectInfo> objects, List<String> commonPrefixes, boolean truncated, String nextAfter) {

    public Listing {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
