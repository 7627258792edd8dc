package org.cpe.s3.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cpe.s3.store.ObjectInfo;
import org.cpe.s3.store.ObjectStore;
import org.cpe.s3.store.StoreException;
import org.cpe.s3.store.StoredObject;

/** The S3 operations on the store, one method each, routed by method, bucket, key and sub-resource. */
final class S3Operations {

    /** Sub-resources of buckets and objects that S3 has and this store does not. */
    private static final Set<String> UNSUPPORTED = Set.of(
            "acl",
            "tagging",
            "versioning",
            "versions",
            "policy",
            "cors",
            "lifecycle",
            "website",
            "logging",
            "notification",
            "replication",
            "encryption",
            "object-lock",
            "retention",
            "legal-hold",
            "torrent",
            "restore",
            "select",
            "attributes",
            "accelerate",
            "analytics",
            "inventory",
            "metrics",
            "ownershipControls",
            "publicAccessBlock",
            "requestPayment",
            "intelligent-tiering",
            "uploads-list");

    private final ObjectStore store;
    private final String region;
    private final Listings listings;

    S3Operations(ObjectStore store, String region) {
        this.store = store;
        this.region = region;
        this.listings = new Listings(store);
    }

    S3Reply route(String method, Target target, S3Request request, InputStream body)
            throws S3Error, StoreException, IOException {
        for (String name : target.query().keySet()) {
            if (UNSUPPORTED.contains(name)) {
                throw S3Error.notImplemented("The ?" + name + " sub-resource");
            }
        }
        if (target.bucket() == null) {
            if (!method.equals("GET")) {
                throw methodNotAllowed(method, "the service");
            }
            return listings.buckets();
        }
        return target.key() == null ? bucket(method, target, body) : object(method, target, request, body);
    }

    private S3Reply bucket(String method, Target target, InputStream body) throws S3Error, StoreException, IOException {
        String bucket = target.bucket();
        switch (method) {
            case "PUT" -> {
                body.transferTo(OutputStream.nullOutputStream());
                store.createBucket(bucket);
                return new S3Reply(200).header("Location", "/" + bucket);
            }
            case "HEAD" -> {
                if (!store.bucketExists(bucket)) {
                    return new S3Reply(404);
                }
                return new S3Reply(200).header("x-amz-bucket-region", region);
            }
            case "DELETE" -> {
                store.deleteBucket(bucket);
                return new S3Reply(204);
            }
            case "GET" -> {
                if (target.has("location")) {
                    listings.requireBucket(bucket);
                    String constraint = region.equals("us-east-1") ? "" : S3Xml.escape(region);
                    return S3Reply.xml(
                            200,
                            S3Xml.DECLARATION + "<LocationConstraint xmlns=\"" + S3Xml.NAMESPACE + "\">" + constraint
                                    + "</LocationConstraint>");
                }
                if (target.has("uploads")) {
                    throw S3Error.notImplemented("ListMultipartUploads");
                }
                return "2".equals(target.param("list-type"))
                        ? listings.objectsV2(bucket, target)
                        : listings.objectsV1(bucket, target);
            }
            case "POST" -> {
                if (target.has("delete")) {
                    return listings.deleteObjects(bucket, body);
                }
                throw methodNotAllowed(method, "a bucket without ?delete");
            }
            default -> throw methodNotAllowed(method, "a bucket");
        }
    }

    private S3Reply object(String method, Target target, S3Request request, InputStream body)
            throws S3Error, StoreException, IOException {
        String bucket = target.bucket();
        String key = target.key();
        switch (method) {
            case "PUT" -> {
                if (request.header("x-amz-copy-source") != null) {
                    throw S3Error.notImplemented("CopyObject and UploadPartCopy");
                }
                if (target.has("uploadId") || target.has("partNumber")) {
                    int number = partNumber(target.param("partNumber"));
                    String etag = store.uploads().putPart(bucket, key, target.param("uploadId"), number, body);
                    return new S3Reply(200).header("ETag", "\"" + etag + "\"");
                }
                ObjectInfo info = store.put(bucket, key, body, request.header("content-type"), userMetadata(request));
                return new S3Reply(200).header("ETag", info.quotedEtag());
            }
            case "GET", "HEAD" -> {
                return get(bucket, key, request.header("range"));
            }
            case "DELETE" -> {
                if (target.has("uploadId")) {
                    store.uploads().abort(bucket, key, target.param("uploadId"));
                } else {
                    store.delete(bucket, key);
                }
                return new S3Reply(204);
            }
            case "POST" -> {
                if (target.has("uploads")) {
                    String id =
                            store.uploads().start(bucket, key, request.header("content-type"), userMetadata(request));
                    return S3Reply.xml(
                            200,
                            S3Xml.DECLARATION + "<InitiateMultipartUploadResult xmlns=\"" + S3Xml.NAMESPACE + "\">"
                                    + S3Xml.element("Bucket", bucket) + S3Xml.element("Key", key)
                                    + S3Xml.element("UploadId", id) + "</InitiateMultipartUploadResult>");
                }
                if (target.has("uploadId")) {
                    return Multipart.complete(store, bucket, key, target.param("uploadId"), body);
                }
                throw methodNotAllowed(method, "an object without ?uploads or ?uploadId");
            }
            default -> throw methodNotAllowed(method, "an object");
        }
    }

    private S3Reply get(String bucket, String key, String range) throws S3Error, StoreException, IOException {
        StoredObject object = store.open(bucket, key);
        boolean handedOver = false;
        try {
            ObjectInfo info = object.info();
            long size = info.size();
            long first = 0;
            long last = size - 1;
            int status = 200;
            if (range != null) {
                long[] bounds = Ranges.parse(range, size);
                if (bounds != null) {
                    first = bounds[0];
                    last = bounds[1];
                    status = 206;
                }
            }
            long start = first;
            long length = last - first + 1;
            S3Reply reply = new S3Reply(status)
                    .header("Content-Type", info.contentType())
                    .header("ETag", info.quotedEtag())
                    .header("Last-Modified", S3Xml.httpTime(info.lastModified()))
                    .header("Accept-Ranges", "bytes");
            info.metadata().forEach((name, value) -> reply.header("x-amz-meta-" + name, value));
            if (status == 206) {
                reply.header("Content-Range", "bytes " + first + "-" + last + "/" + size);
            }
            reply.body(Math.max(length, 0), out -> {
                        WritableByteChannel sink = Channels.newChannel(out);
                        long done = 0;
                        while (done < length) {
                            long n = object.channel().transferTo(start + done, length - done, sink);
                            if (n <= 0) {
                                throw new IOException("the object's file ended early");
                            }
                            done += n;
                        }
                    })
                    .onRelease(() -> {
                        try {
                            object.close();
                        } catch (IOException e) {
                            // closing a read-only channel: nothing is lost
                        }
                    });
            handedOver = true;
            return reply;
        } finally {
            if (!handedOver) {
                object.close();
            }
        }
    }

    private static Map<String, String> userMetadata(S3Request request) {
        Map<String, String> metadata = new TreeMap<>();
        request.headers().forEach((name, values) -> {
            if (name.startsWith("x-amz-meta-") && !values.isEmpty()) {
                metadata.put(name.substring("x-amz-meta-".length()), String.join(",", values));
            }
        });
        return metadata;
    }

    private static int partNumber(String text) throws S3Error {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive: " + text);
        }
    }

    private static S3Error methodNotAllowed(String method, String what) {
        return new S3Error(
                405,
                "MethodNotAllowed",
                "The specified method is not allowed against this resource: " + method + " on " + what);
    }

    /** The continuation token of a listing: the key to go on after, opaque to the client. */
    static String token(String after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.getBytes(StandardCharsets.UTF_8));
    }

    static String afterToken(String token) throws S3Error {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Error.invalidArgument("The continuation token provided is incorrect: " + token);
        }
    }
}
