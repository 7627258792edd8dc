package org.cpe.s3.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.cpe.s3.store.Listing;
import org.cpe.s3.store.ObjectInfo;
import org.cpe.s3.store.ObjectStore;
import org.cpe.s3.store.StoreException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** ListBuckets, ListObjects (V1 and V2) and DeleteObjects, in S3's XML. */
final class Listings {

    private static final int MAX_KEYS = 1000;
    private static final String OWNER = "<Owner><ID>cpe</ID><DisplayName>cpe</DisplayName></Owner>";

    private final ObjectStore store;

    Listings(ObjectStore store) {
        this.store = store;
    }

    void requireBucket(String bucket) throws StoreException, IOException {
        store.list(bucket, "", null, null, 0);
    }

    S3Reply buckets() throws IOException {
        StringBuilder xml = new StringBuilder(S3Xml.DECLARATION)
                .append("<ListAllMyBucketsResult xmlns=\"")
                .append(S3Xml.NAMESPACE)
                .append("\">")
                .append(OWNER)
                .append("<Buckets>");
        for (Map.Entry<String, Instant> bucket : store.buckets()) {
            xml.append("<Bucket>")
                    .append(S3Xml.element("Name", bucket.getKey()))
                    .append(S3Xml.element("CreationDate", S3Xml.isoTime(bucket.getValue())))
                    .append("</Bucket>");
        }
        return S3Reply.xml(
                200, xml.append("</Buckets></ListAllMyBucketsResult>").toString());
    }

    S3Reply objectsV2(String bucket, Target target) throws S3Error, StoreException, IOException {
        String token = target.param("continuation-token");
        String startAfter = target.param("start-after");
        String after = token != null ? S3Operations.afterToken(token) : startAfter;
        Page page = page(bucket, target, after);
        StringBuilder xml = page.head()
                .append(S3Xml.element(
                        "KeyCount",
                        page.listing.objects().size()
                                + page.listing.commonPrefixes().size()))
                .append(S3Xml.element("ContinuationToken", token))
                .append(S3Xml.element(
                        "NextContinuationToken",
                        page.listing.truncated() ? S3Operations.token(page.listing.nextAfter()) : null))
                .append(S3Xml.element("StartAfter", S3Xml.listed(startAfter, page.urlEncoded)));
        return S3Reply.xml(200, page.tail(xml));
    }

    S3Reply objectsV1(String bucket, Target target) throws S3Error, StoreException, IOException {
        String marker = target.param("marker");
        Page page = page(bucket, target, marker);
        StringBuilder xml = page.head()
                .append(S3Xml.element("Marker", S3Xml.listed(marker == null ? "" : marker, page.urlEncoded)));
        if (page.listing.truncated() && page.delimiter != null) {
            xml.append(S3Xml.element("NextMarker", S3Xml.listed(page.listing.nextAfter(), page.urlEncoded)));
        }
        return S3Reply.xml(200, page.tail(xml));
    }

    private Page page(String bucket, Target target, String after) throws S3Error, StoreException, IOException {
        int maxKeys = MAX_KEYS;
        String max = target.param("max-keys");
        if (max != null) {
            try {
                maxKeys = Math.min(MAX_KEYS, Integer.parseInt(max));
            } catch (NumberFormatException e) {
                maxKeys = -1;
            }
            if (maxKeys < 0) {
                throw S3Error.invalidArgument("max-keys must be an integer from 0 to 2147483647: " + max);
            }
        }
        String encoding = target.param("encoding-type");
        if (encoding != null && !encoding.equals("url")) {
            throw S3Error.invalidArgument("Invalid Encoding Method specified in Request: " + encoding);
        }
        String prefix = target.param("prefix") == null ? "" : target.param("prefix");
        String delimiter = target.param("delimiter");
        Listing listing = store.list(bucket, prefix, delimiter, after, maxKeys);
        return new Page(
                bucket,
                prefix,
                delimiter == null || delimiter.isEmpty() ? null : delimiter,
                maxKeys,
                encoding != null,
                listing);
    }

    /** Deletes the listed keys, each reported as deleted (unless quiet) or with its error. */
    S3Reply deleteObjects(String bucket, InputStream body) throws S3Error, StoreException, IOException {
        Document document;
        try {
            document = S3Xml.parse(body);
        } catch (S3Xml.MalformedDocument e) {
            throw new S3Error(400, "MalformedXML", e.getMessage());
        }
        requireBucket(bucket);
        boolean quiet = "true"
                .equalsIgnoreCase(
                        Multipart.text(document.getDocumentElement(), "Quiet").trim());
        NodeList objects = document.getElementsByTagName("Object");
        if (objects.getLength() > MAX_KEYS) {
            throw new S3Error(400, "MalformedXML", "A Delete request takes at most 1000 keys");
        }
        StringBuilder xml = new StringBuilder(S3Xml.DECLARATION)
                .append("<DeleteResult xmlns=\"")
                .append(S3Xml.NAMESPACE)
                .append("\">");
        for (int i = 0; i < objects.getLength(); i++) {
            String key = Multipart.text((Element) objects.item(i), "Key");
            try {
                store.delete(bucket, key);
                if (!quiet) {
                    xml.append("<Deleted>").append(S3Xml.element("Key", key)).append("</Deleted>");
                }
            } catch (StoreException e) {
                xml.append("<Error>")
                        .append(S3Xml.element("Key", key))
                        .append(S3Xml.element("Code", e.code()))
                        .append(S3Xml.element("Message", e.getMessage()))
                        .append("</Error>");
            }
        }
        return S3Reply.xml(200, xml.append("</DeleteResult>").toString());
    }

    /** One listing's page and how it was asked for, written as a ListBucketResult. */
    private record Page(
            String bucket, String prefix, String delimiter, int maxKeys, boolean urlEncoded, Listing listing) {

        StringBuilder head() {
            return new StringBuilder(S3Xml.DECLARATION)
                    .append("<ListBucketResult xmlns=\"")
                    .append(S3Xml.NAMESPACE)
                    .append("\">")
                    .append(S3Xml.element("Name", bucket))
                    .append(S3Xml.element("Prefix", S3Xml.listed(prefix, urlEncoded)))
                    .append(S3Xml.element("Delimiter", S3Xml.listed(delimiter, urlEncoded)))
                    .append(S3Xml.element("MaxKeys", maxKeys))
                    .append(S3Xml.element("EncodingType", urlEncoded ? "url" : null))
                    .append(S3Xml.element("IsTruncated", listing.truncated()));
        }

        String tail(StringBuilder xml) {
            for (ObjectInfo object : listing.objects()) {
                xml.append("<Contents>")
                        .append(S3Xml.element("Key", S3Xml.listed(object.key(), urlEncoded)))
                        .append(S3Xml.element("LastModified", S3Xml.isoTime(object.lastModified())))
                        .append(S3Xml.element("ETag", object.quotedEtag()))
                        .append(S3Xml.element("Size", object.size()))
                        .append(S3Xml.element("StorageClass", "STANDARD"))
                        .append("</Contents>");
            }
            for (String common : listing.commonPrefixes()) {
                xml.append("<CommonPrefixes>")
                        .append(S3Xml.element("Prefix", S3Xml.listed(common, urlEncoded)))
                        .append("</CommonPrefixes>");
            }
            return xml.append("</ListBucketResult>").toString();
        }
    }
}
