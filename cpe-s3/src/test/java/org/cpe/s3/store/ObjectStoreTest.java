package org.cpe.s3.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's own rules, without HTTP: names, key files, order, listings and an interrupted write. */
class ObjectStoreTest {

    @TempDir
    Path dir;

    @Test
    void bucketNamesFollowS3sRules() throws IOException {
        ObjectStore store = ObjectStore.open(dir);
        for (String bad :
                List.of("ab", "Upper", "under_score", "-start", "end-", "a..b", "192.168.1.1", "x".repeat(64))) {
            assertThatThrownBy(() -> store.createBucket(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidBucketName");
                        assertThat(e.status()).isEqualTo(400);
                    });
        }
        assertThat(store.buckets()).isEmpty();
    }

    @Test
    void everyKeyMapsToAFileNameAndBackReadablyWhereItCan() {
        for (String key : List.of("a", "a/b", ".hidden", "..", "ünï €", "%41", "~tilde", "x".repeat(1000))) {
            String name = ObjectNames.fileName(key);
            assertThat(name).doesNotContain("/").doesNotStartWith(".").hasSizeLessThanOrEqualTo(241);
            ObjectNames.keyOf(name).ifPresent(back -> assertThat(back).isEqualTo(key));
        }
        assertThat(ObjectNames.fileName("in/clip 1.mp4")).isEqualTo("in%2Fclip%201.mp4");
        assertThat(ObjectNames.keyOf(ObjectNames.fileName("x".repeat(1000)))).isEmpty();
    }

    @Test
    void keysSortInUtf8ByteOrderAsS3ListsThem() {
        // U+FF5E sorts before U+1F600 in UTF-8 and after its surrogates in Java's UTF-16 order.
        assertThat(ObjectStore.compareUtf8("\uFF5E", "\uD83D\uDE00")).isNegative();
        assertThat(ObjectStore.compareUtf8("a", "ab")).isNegative();
        assertThat(ObjectStore.compareUtf8("b", "ab")).isPositive();
    }

    @Test
    void keysTooLongAndEmptyAreRefused() throws Exception {
        ObjectStore store = ObjectStore.open(dir);
        store.createBucket("media");
        assertThatThrownBy(() -> store.put("media", "k".repeat(1025), bytes("x"), null, Map.of()))
                .isInstanceOfSatisfying(
                        StoreException.class, e -> assertThat(e.code()).isEqualTo("KeyTooLongError"));
        assertThatThrownBy(() -> store.put("media", "", bytes("x"), null, Map.of()))
                .isInstanceOfSatisfying(
                        StoreException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgument"));
    }

    @Test
    void aListingContinuedAfterACommonPrefixSkipsEverythingUnderIt() throws Exception {
        ObjectStore store = ObjectStore.open(dir);
        store.createBucket("media");
        for (String key : List.of("a/1", "a/2", "b/1", "c")) {
            store.put("media", key, bytes(key), null, Map.of());
        }
        Listing first = store.list("media", "", "/", null, 1);
        assertThat(first.commonPrefixes()).containsExactly("a/");
        assertThat(first.truncated()).isTrue();
        Listing second = store.list("media", "", "/", first.nextAfter(), 10);
        assertThat(second.commonPrefixes()).containsExactly("b/");
        assertThat(second.objects()).extracting(ObjectInfo::key).containsExactly("c");
        assertThat(second.truncated()).isFalse();
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheOldObjectAndNoLeftovers() throws Exception {
        ObjectStore store = ObjectStore.open(dir);
        store.createBucket("media");
        store.put("media", "clip", bytes("old"), "text/plain", Map.of());
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 1000) {
                    return 'x';
                }
                throw new IOException("the client went away");
            }
        };
        assertThatThrownBy(() -> store.put("media", "clip", failing, null, Map.of()))
                .isInstanceOf(IOException.class);
        try (StoredObject object = store.open("media", "clip")) {
            assertThat(new String(
                            java.nio.channels.Channels.newInputStream(object.channel())
                                    .readAllBytes(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("old");
            assertThat(object.info().contentType()).isEqualTo("text/plain");
        }
        try (var files = Files.list(dir.resolve(".tmp"))) {
            assertThat(files).isEmpty();
        }
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
