package org.cpe.s3.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cpe.s3.store.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The in-process door: the same store through the SDK's interface, with the same answers and exceptions. */
class EmbeddedS3ClientTest {

    @TempDir
    Path dir;

    @Test
    void putGetHeadListAndDeleteAsOverHttp() throws Exception {
        S3Client s3 = new EmbeddedS3Client(ObjectStore.open(dir.resolve("s3")));
        s3.createBucket(b -> b.bucket("media"));
        Path file = dir.resolve("in.bin");
        Files.write(file, new byte[3 * 1024 * 1024 + 5]);
        s3.putObject(
                b -> b.bucket("media").key("in/clip.bin").metadata(Map.of("job", "j-1")), RequestBody.fromFile(file));
        Path back = dir.resolve("back.bin");
        s3.getObject(b -> b.bucket("media").key("in/clip.bin"), ResponseTransformer.toFile(back));
        assertThat(Files.mismatch(file, back)).isEqualTo(-1L);
        assertThat(s3.headObject(b -> b.bucket("media").key("in/clip.bin")).metadata())
                .containsEntry("job", "j-1");
        assertThat(s3.listObjectsV2(b -> b.bucket("media").prefix("in/")).contents())
                .extracting(S3Object::key)
                .containsExactly("in/clip.bin");
        assertThat(s3.getObject(b -> b.bucket("media").key("in/clip.bin")).readAllBytes())
                .hasSize(3 * 1024 * 1024 + 5);
        s3.deleteObject(b -> b.bucket("media").key("in/clip.bin"));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("media").key("in/clip.bin")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("other").key("a"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("media")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyOwnedByYou");
                });
    }
}
