package org.cpe.activity.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.access.StorageRoots.Access;
import org.cpe.activity.access.StorageRoots.Root;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageRootsTest {

    @TempDir
    Path temp;

    private Path root;
    private Path outside;
    private StorageRoots roots;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(temp.resolve("files"));
        outside = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), "not the job's");
        roots = StorageRoots.of(new Root(root, Access.OVERWRITE));
    }

    @Test
    void fileUnderRootIsReadAtItsRealPath() throws Exception {
        Files.writeString(root.resolve("in.txt"), "mine");

        assertThat(roots.forReading(root.resolve("in.txt").toUri()))
                .isEqualTo(root.toRealPath().resolve("in.txt"));
    }

    @Test
    void relativeLocationLiesUnderTheFirstRoot() throws Exception {
        assertThat(roots.forReading(URI.create("file:in/clip.mp4")))
                .isEqualTo(root.toRealPath().resolve("in/clip.mp4"));
        assertThat(roots.forWriting(URI.create("file:out/thumb.png"), false))
                .isEqualTo(root.toRealPath().resolve("out/thumb.png"));
    }

    @Test
    void absolutePathOutsideTheRootsIsRefusedForReadingAndWriting() {
        URI secret = outside.resolve("secret.txt").toUri();

        assertRefused(() -> roots.forReading(secret), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(() -> roots.forWriting(secret, true), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(
                () -> roots.forWriting(URI.create("file:///anywhere/evil/video.mp4"), false),
                ActivityReasons.FILE_NOT_ALLOWED);
    }

    @Test
    void dotDotCannotLeaveTheRoot() {
        URI escaping = URI.create(root.toUri() + "safe/../../elsewhere/secret.txt");
        URI relative = URI.create("file:../elsewhere/secret.txt");

        assertRefused(() -> roots.forReading(escaping), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(() -> roots.forWriting(escaping, true), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(() -> roots.forReading(relative), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(
                () -> roots.forWriting(URI.create("file:safe/../../escaped/thumb.jpg"), false),
                ActivityReasons.FILE_NOT_ALLOWED);
    }

    @Test
    void dotDotThatStaysInsideIsAllowed() throws Exception {
        assertThat(roots.forWriting(URI.create(root.toUri() + "a/../b.txt"), false))
                .isEqualTo(root.toRealPath().resolve("b.txt"));
    }

    @Test
    void symbolicLinkOutOfTheRootIsRefusedForReadingAndWriting() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));

        assertRefused(() -> roots.forReading(URI.create("file:link/secret.txt")), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(() -> roots.forWriting(URI.create("file:link/new.txt"), false), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(() -> roots.forReading(URI.create("file:secret-link.txt")), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(
                () -> roots.forWriting(URI.create("file:secret-link.txt"), true), ActivityReasons.FILE_NOT_ALLOWED);
    }

    @Test
    void symbolicLinkThatStaysUnderARootIsFollowed() throws Exception {
        Path media = Files.createDirectories(root.resolve("media"));
        Files.createSymbolicLink(root.resolve("shortcut"), media);

        assertThat(roots.forReading(URI.create("file:shortcut/in.mp4")))
                .isEqualTo(media.toRealPath().resolve("in.mp4"));
    }

    @Test
    void refusalReadsTheSameWhetherOrNotTheFileExists() {
        String existing =
                refusal(() -> roots.forReading(outside.resolve("secret.txt").toUri()));
        String missing =
                refusal(() -> roots.forReading(outside.resolve("nothing.txt").toUri()));

        assertThat(existing.replace("secret.txt", "X")).isEqualTo(missing.replace("nothing.txt", "X"));
        assertThat(existing).contains("cpe.storage.roots").doesNotContain("No such file");
    }

    @Test
    void existingOutputIsReplacedOnlyWhenTheJobAsksAndTheRootAllows() throws Exception {
        Files.writeString(root.resolve("out.txt"), "old");
        URI out = URI.create("file:out.txt");

        assertRefused(() -> roots.forWriting(out, false), ActivityReasons.OUTPUT_EXISTS);
        assertThat(roots.forWriting(out, true)).isEqualTo(root.toRealPath().resolve("out.txt"));

        StorageRoots noReplacing = StorageRoots.of(new Root(root, Access.WRITE));
        assertRefused(() -> noReplacing.forWriting(out, true), ActivityReasons.OUTPUT_EXISTS);
        assertThat(refusal(() -> noReplacing.forWriting(out, true))).contains("overwrite:");
    }

    @Test
    void readOnlyRootRefusesWritesButNotReads() throws Exception {
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        StorageRoots readOnly = StorageRoots.of(new Root(root, Access.WRITE), new Root(inbox, Access.READ));

        assertThat(readOnly.forReading(inbox.resolve("a.mp4").toUri()))
                .isEqualTo(inbox.toRealPath().resolve("a.mp4"));
        assertRefused(
                () -> readOnly.forWriting(inbox.resolve("b.mp4").toUri(), false), ActivityReasons.FILE_NOT_ALLOWED);
    }

    @Test
    void theMostSpecificRootDecides() throws Exception {
        Path out = Files.createDirectories(root.resolve("out"));
        StorageRoots nested = StorageRoots.of(new Root(root, Access.READ), new Root(out, Access.WRITE));

        assertThat(nested.forWriting(URI.create("file:out/new.txt"), false))
                .isEqualTo(out.toRealPath().resolve("new.txt"));
        assertRefused(() -> nested.forWriting(URI.create("file:new.txt"), false), ActivityReasons.FILE_NOT_ALLOWED);
    }

    @Test
    void remoteHostsQueriesAndOtherSchemesAreNotLocalFiles() {
        assertRefused(
                () -> roots.forReading(URI.create("file://fileserver" + root + "/a")),
                ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(() -> roots.forReading(URI.create(root.toUri() + "a?b")), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(() -> roots.forReading(URI.create("http://example.com/a")), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(() -> roots.forReading(URI.create(root.toUri() + "a%00b")), ActivityReasons.FILE_NOT_ALLOWED);
    }

    @Test
    void withoutRootsEveryLocationIsRefused() {
        assertRefused(
                () -> StorageRoots.none().forReading(URI.create("file:in.mp4")), ActivityReasons.FILE_NOT_ALLOWED);
        assertRefused(() -> StorageRoots.none().forReading(root.toUri()), ActivityReasons.FILE_NOT_ALLOWED);
    }

    @Test
    void rootMustBeAbsolute() {
        assertThatThrownBy(() -> new Root(Path.of("relative"), Access.READ))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private interface Call {
        Object run() throws ActivityException;
    }

    private static void assertRefused(Call call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ActivityException.class, e -> assertThat(e.reason())
                .isEqualTo(reason));
    }

    private static String refusal(Call call) {
        try {
            call.run();
        } catch (ActivityException e) {
            return e.details();
        }
        throw new AssertionError("not refused");
    }
}
