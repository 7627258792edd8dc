package org.cpe.s3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.cpe.s3.store.ObjectStore;
import org.cpe.swf.http.SigV4Verifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The store's HTTP door driven by the AWS SDK v2 {@code S3Client} as users drive S3, signatures required: buckets,
 * objects with awkward keys, streaming of large files, ranges, listings, multipart uploads, and every refusal with
 * S3's error code.
 */
class S3EndpointTest {

    private static final Map<String, String> KEYS = Map.of("cpe-local", "cpe-local");

    @TempDir
    Path dir;

    private ObjectStore store;
    private S3HttpServer server;
    private S3Client s3;

    @BeforeEach
    void start() throws IOException {
        store = ObjectStore.open(dir.resolve("s3"));
        S3RestProtocol protocol =
                new S3RestProtocol(store, Optional.of(new SigV4Verifier(KEYS, Clock.systemUTC())), "us-east-1");
        server = new S3HttpServer(protocol, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/s3");
        s3 = client("cpe-local", "cpe-local", RequestChecksumCalculation.WHEN_REQUIRED);
    }

    @AfterEach
    void stop() {
        s3.close();
        server.close();
    }

    private S3Client client(String key, String secret, RequestChecksumCalculation checksums) {
        return S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(checksums)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void bucketsAreCreatedListedAndDeletedOnlyWhenEmpty() {
        s3.createBucket(b -> b.bucket("media"));
        s3.headBucket(b -> b.bucket("media"));
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("media");
        assertThat(errorCode(() -> s3.createBucket(b -> b.bucket("media")))).isEqualTo("BucketAlreadyOwnedByYou");
        s3.putObject(b -> b.bucket("media").key("a"), RequestBody.fromString("x"));
        assertThat(errorCode(() -> s3.deleteBucket(b -> b.bucket("media")))).isEqualTo("BucketNotEmpty");
        s3.deleteObject(b -> b.bucket("media").key("a"));
        s3.deleteBucket(b -> b.bucket("media"));
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("media")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void objectsKeepTheirBytesTypeAndMetadataUnderAnyKey() {
        s3.createBucket(b -> b.bucket("media"));
        List<String> keys =
                List.of("a", "a/b", "with space+plus", "ünï/cødé €", ".hidden", "x".repeat(300), "dir/../up?&=#%");
        for (String key : keys) {
            s3.putObject(
                    b -> b.bucket("media").key(key).contentType("text/plain").metadata(Map.of("job", "j-1")),
                    RequestBody.fromString("content of " + key));
        }
        for (String key : keys) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("media").key(key)).asUtf8String())
                    .isEqualTo("content of " + key);
        }
        HeadObjectResponse head = s3.headObject(b -> b.bucket("media").key("a/b"));
        assertThat(head.contentLength()).isEqualTo("content of a/b".length());
        assertThat(head.contentType()).isEqualTo("text/plain");
        assertThat(head.metadata()).containsEntry("job", "j-1");
        assertThat(head.eTag()).isEqualTo("\"" + md5Hex("content of a/b".getBytes(StandardCharsets.UTF_8)) + "\"");
        s3.putObject(b -> b.bucket("media").key("a"), RequestBody.fromString("replaced"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("media").key("a")).asUtf8String())
                .isEqualTo("replaced");
    }

    @Test
    void missingObjectsAndBucketsAreTheSdksExceptions() {
        s3.createBucket(b -> b.bucket("media"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("media").key("nothing")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("no-bucket").key("a")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("no-bucket").key("a"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("media").key("nothing")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void largeFilesStreamBothWaysWithEitherChecksumSettingAndRangesReadParts() throws Exception {
        s3.createBucket(b -> b.bucket("media"));
        Path big = dir.resolve("big.bin");
        byte[] bytes = new byte[12 * 1024 * 1024 + 17];
        new Random(7).nextBytes(bytes);
        Files.write(big, bytes);
        s3.putObject(b -> b.bucket("media").key("big.bin"), RequestBody.fromFile(big));
        try (S3Client withChecksums = client("cpe-local", "cpe-local", RequestChecksumCalculation.WHEN_SUPPORTED)) {
            withChecksums.putObject(b -> b.bucket("media").key("big-2.bin"), RequestBody.fromFile(big));
        }
        for (String key : List.of("big.bin", "big-2.bin")) {
            Path back = dir.resolve("back-" + key);
            s3.getObject(b -> b.bucket("media").key(key), ResponseTransformer.toFile(back));
            assertThat(Files.mismatch(big, back)).as(key).isEqualTo(-1L);
        }
        byte[] range = s3.getObjectAsBytes(b -> b.bucket("media").key("big.bin").range("bytes=100-199"))
                .asByteArray();
        assertThat(range).containsExactly(java.util.Arrays.copyOfRange(bytes, 100, 200));
        byte[] tail = s3.getObjectAsBytes(b -> b.bucket("media").key("big.bin").range("bytes=-10"))
                .asByteArray();
        assertThat(tail).containsExactly(java.util.Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));
        assertThat(errorCode(() -> s3.getObjectAsBytes(
                        b -> b.bucket("media").key("big.bin").range("bytes=" + bytes.length + "-"))))
                .isEqualTo("InvalidRange");
    }

    @Test
    void listingsPageByContinuationTokenAndRollUpByDelimiter() {
        s3.createBucket(b -> b.bucket("media"));
        for (String key : List.of("in/a.mp4", "in/b.mp4", "in/c.mp4", "out/720p/x.mp4", "out/thumbs/1.jpg", "top")) {
            s3.putObject(b -> b.bucket("media").key(key), RequestBody.fromString(key));
        }
        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ListObjectsV2Response page = s3.listObjectsV2(
                    b -> b.bucket("media").prefix("in/").maxKeys(2).continuationToken(current));
            page.contents().stream().map(S3Object::key).forEach(paged::add);
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null);
        assertThat(paged).containsExactly("in/a.mp4", "in/b.mp4", "in/c.mp4");
        assertThat(pages).isEqualTo(2);
        ListObjectsV2Response rolled = s3.listObjectsV2(b -> b.bucket("media").delimiter("/"));
        assertThat(rolled.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("in/", "out/");
        assertThat(rolled.contents()).extracting(S3Object::key).containsExactly("top");
        ListObjectsV2Response nested =
                s3.listObjectsV2(b -> b.bucket("media").prefix("out/").delimiter("/"));
        assertThat(nested.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("out/720p/", "out/thumbs/");
        assertThat(s3.listObjects(b -> b.bucket("media").prefix("in/")).contents())
                .extracting(S3Object::key)
                .containsExactly("in/a.mp4", "in/b.mp4", "in/c.mp4");
        s3.deleteObjects(b -> b.bucket("media").delete(d -> d.objects(o -> o.key("in/a.mp4"), o -> o.key("in/b.mp4"))));
        assertThat(s3.listObjectsV2(b -> b.bucket("media").prefix("in/")).contents())
                .extracting(S3Object::key)
                .containsExactly("in/c.mp4");
    }

    @Test
    void multipartUploadsJoinTheirPartsAndRefuseSmallOnesAndUnknownIds() {
        s3.createBucket(b -> b.bucket("media"));
        byte[] first = new byte[5 * 1024 * 1024];
        new Random(1).nextBytes(first);
        byte[] second = "the end".getBytes(StandardCharsets.UTF_8);
        String id = s3.createMultipartUpload(b -> b.bucket("media").key("joined.bin"))
                .uploadId();
        String e2 = s3.uploadPart(
                        b -> b.bucket("media").key("joined.bin").uploadId(id).partNumber(2),
                        RequestBody.fromBytes(second))
                .eTag();
        String e1 = s3.uploadPart(
                        b -> b.bucket("media").key("joined.bin").uploadId(id).partNumber(1),
                        RequestBody.fromBytes(first))
                .eTag();
        String etag = s3.completeMultipartUpload(b -> b.bucket("media")
                        .key("joined.bin")
                        .uploadId(id)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(1).eTag(e1).build(),
                                CompletedPart.builder().partNumber(2).eTag(e2).build())))
                .eTag();
        assertThat(etag).endsWith("-2\"");
        byte[] joined =
                s3.getObjectAsBytes(b -> b.bucket("media").key("joined.bin")).asByteArray();
        assertThat(joined).hasSize(first.length + second.length);
        assertThat(java.util.Arrays.copyOfRange(joined, first.length, joined.length))
                .containsExactly(second);
        assertThat(errorCode(() -> s3.uploadPart(
                        b -> b.bucket("media").key("joined.bin").uploadId(id).partNumber(1),
                        RequestBody.fromString("x"))))
                .isEqualTo("NoSuchUpload");

        String small = s3.createMultipartUpload(b -> b.bucket("media").key("small.bin"))
                .uploadId();
        String s1 = s3.uploadPart(
                        b -> b.bucket("media").key("small.bin").uploadId(small).partNumber(1),
                        RequestBody.fromString("a"))
                .eTag();
        String s2 = s3.uploadPart(
                        b -> b.bucket("media").key("small.bin").uploadId(small).partNumber(2),
                        RequestBody.fromString("b"))
                .eTag();
        assertThat(errorCode(() -> s3.completeMultipartUpload(b -> b.bucket("media")
                        .key("small.bin")
                        .uploadId(small)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(1).eTag(s1).build(),
                                CompletedPart.builder().partNumber(2).eTag(s2).build())))))
                .isEqualTo("EntityTooSmall");
        s3.abortMultipartUpload(b -> b.bucket("media").key("small.bin").uploadId(small));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("media").key("small.bin")))
                .isInstanceOf(S3Exception.class);
    }

    @Test
    void badSignaturesAndUnknownKeysAreRefusedAsS3RefusesThem() {
        s3.createBucket(b -> b.bucket("media"));
        try (S3Client wrongSecret = client("cpe-local", "wrong", RequestChecksumCalculation.WHEN_REQUIRED);
                S3Client unknown = client("someone", "cpe-local", RequestChecksumCalculation.WHEN_REQUIRED)) {
            assertThat(errorCode(
                            () -> wrongSecret.putObject(b -> b.bucket("media").key("a"), RequestBody.fromString("x"))))
                    .isEqualTo("SignatureDoesNotMatch");
            assertThat(errorCode(() -> unknown.listObjectsV2(b -> b.bucket("media"))))
                    .isEqualTo("InvalidAccessKeyId");
        }
        assertThat(s3.listObjectsV2(b -> b.bucket("media")).contents()).isEmpty();
    }

    @Test
    void anUnsignedRequestGetsAccessDeniedInS3sXml() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.endpoint() + "/media/a"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>").contains("<RequestId>");
    }

    @Test
    void operationsTheStoreLacksAnswerNotImplementedWithAReason() {
        s3.createBucket(b -> b.bucket("media"));
        s3.putObject(b -> b.bucket("media").key("a"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket("media")
                        .sourceKey("a")
                        .destinationBucket("media")
                        .destinationKey("b")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("CopyObject");
                });
        assertThat(errorCode(() -> s3.getBucketVersioning(b -> b.bucket("media"))))
                .isEqualTo("NotImplemented");
    }

    @Test
    void objectsSurviveAReopenOfTheStore() throws IOException {
        s3.createBucket(b -> b.bucket("media"));
        s3.putObject(b -> b.bucket("media").key("kept/one.txt"), RequestBody.fromString("one"));
        server.close();
        Files.writeString(dir.resolve("s3/.tmp/half-written"), "a crash left this");
        store = ObjectStore.open(dir.resolve("s3"));
        server = new S3HttpServer(
                new S3RestProtocol(store, Optional.empty(), "us-east-1"),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "/s3");
        s3.close();
        s3 = client("anyone", "anything", RequestChecksumCalculation.WHEN_REQUIRED);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("media").key("kept/one.txt"))
                        .asUtf8String())
                .isEqualTo("one");
        assertThat(dir.resolve("s3/.tmp/half-written")).doesNotExist();
    }

    static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call succeeded");
    }

    static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
