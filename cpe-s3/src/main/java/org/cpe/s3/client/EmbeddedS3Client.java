package org.cpe.s3.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cpe.s3.store.Listing;
import org.cpe.s3.store.ObjectInfo;
import org.cpe.s3.store.ObjectStore;
import org.cpe.s3.store.StoreException;
import org.cpe.s3.store.StoredObject;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The SDK's {@code S3Client} served in-process by the {@link ObjectStore}, for roles in the server that runs the
 * store: the operations the media activities and an operator's code use most (buckets, put, get, head, delete, list).
 * Errors are the SDK's exceptions with S3's codes and statuses, as over HTTP; an operation the store does not have
 * throws {@link UnsupportedOperationException}, as the SDK interface's defaults do.
 */
public final class EmbeddedS3Client implements S3Client {

    private final ObjectStore store;

    public EmbeddedS3Client(ObjectStore store) {
        this.store = store;
    }

    @Override
    public CreateBucketResponse createBucket(CreateBucketRequest request) {
        call(() -> store.createBucket(request.bucket()));
        return CreateBucketResponse.builder().location("/" + request.bucket()).build();
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        if (!store.bucketExists(request.bucket())) {
            throw NoSuchBucketException.builder()
                    .statusCode(404)
                    .awsErrorDetails(
                            details("NoSuchBucket", "The specified bucket does not exist: " + request.bucket()))
                    .build();
        }
        return HeadBucketResponse.builder().build();
    }

    @Override
    public ListBucketsResponse listBuckets(ListBucketsRequest request) {
        List<Bucket> buckets = new ArrayList<>();
        call(() -> store.buckets()
                .forEach(b -> buckets.add(Bucket.builder()
                        .name(b.getKey())
                        .creationDate(b.getValue())
                        .build())));
        return ListBucketsResponse.builder().buckets(buckets).build();
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        ObjectInfo info = call(() -> {
            try (InputStream in = body.contentStreamProvider().newStream()) {
                String type = request.contentType() != null ? request.contentType() : body.contentType();
                Map<String, String> metadata = request.hasMetadata() ? request.metadata() : Map.of();
                return store.put(request.bucket(), request.key(), in, type, metadata);
            }
        });
        return PutObjectResponse.builder()
                .eTag(info.quotedEtag())
                .size(info.size())
                .build();
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        StoredObject object = call(() -> store.open(request.bucket(), request.key()));
        try (object) {
            ObjectInfo info = object.info();
            GetObjectResponse response = response(info);
            InputStream in = Channels.newInputStream(object.channel());
            return transformer.transform(response, AbortableInputStream.create(in));
        } catch (IOException e) {
            throw SdkClientException.create("Reading " + request.bucket() + "/" + request.key() + " failed: " + e, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw SdkClientException.create("The response transformer failed: " + e, e);
        }
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        StoredObject object = call(() -> store.open(request.bucket(), request.key()));
        ObjectInfo info = object.info();
        return new ResponseInputStream<>(response(object.info()), Channels.newInputStream(object.channel()));
    }

    private static GetObjectResponse response(ObjectInfo info) {
        return GetObjectResponse.builder()
                .contentLength(info.size())
                .contentType(info.contentType())
                .eTag(info.quotedEtag())
                .lastModified(info.lastModified())
                .metadata(info.metadata())
                .build();
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        ObjectInfo info = call(() -> store.head(request.bucket(), request.key()));
        return HeadObjectResponse.builder()
                .contentLength(info.size())
                .contentType(info.contentType())
                .eTag(info.quotedEtag())
                .lastModified(info.lastModified())
                .metadata(info.metadata())
                .build();
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        call(() -> store.delete(request.bucket(), request.key()));
        return DeleteObjectResponse.builder().build();
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        String after = request.continuationToken() != null ? request.continuationToken() : request.startAfter();
        int maxKeys = request.maxKeys() == null ? 1000 : Math.min(1000, request.maxKeys());
        Listing listing = call(() -> store.list(
                request.bucket(),
                request.prefix() == null ? "" : request.prefix(),
                request.delimiter(),
                after,
                maxKeys));
        List<S3Object> contents = new ArrayList<>();
        for (ObjectInfo info : listing.objects()) {
            contents.add(S3Object.builder()
                    .key(info.key())
                    .size(info.size())
                    .eTag(info.quotedEtag())
                    .lastModified(info.lastModified())
                    .storageClass("STANDARD")
                    .build());
        }
        List<CommonPrefix> prefixes = new ArrayList<>();
        listing.commonPrefixes()
                .forEach(p -> prefixes.add(CommonPrefix.builder().prefix(p).build()));
        return ListObjectsV2Response.builder()
                .name(request.bucket())
                .prefix(request.prefix())
                .delimiter(request.delimiter())
                .maxKeys(maxKeys)
                .keyCount(contents.size() + prefixes.size())
                .isTruncated(listing.truncated())
                .continuationToken(request.continuationToken())
                .nextContinuationToken(listing.truncated() ? listing.nextAfter() : null)
                .startAfter(request.startAfter())
                .contents(contents)
                .commonPrefixes(prefixes)
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // The store belongs to whoever opened it.
    }

    /** A store call, with its refusal as the SDK's exception for that S3 error code. */
    private static <T> T call(StoreCall<T> call) {
        try {
            return call.run();
        } catch (StoreException e) {
            throw fault(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void call(StoreAction action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    static S3Exception fault(StoreException e) {
        AwsErrorDetails details = details(e.code(), e.getMessage());
        S3Exception.Builder builder =
                switch (e.code()) {
                    case "NoSuchKey" -> NoSuchKeyException.builder();
                    case "NoSuchBucket" -> NoSuchBucketException.builder();
                    default -> S3Exception.builder();
                };
        return (S3Exception) builder.statusCode(e.status())
                .awsErrorDetails(details)
                .message(e.getMessage())
                .build();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("S3")
                .build();
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T run() throws StoreException, IOException;
    }

    @FunctionalInterface
    private interface StoreAction {
        void run() throws StoreException, IOException;
    }
}
