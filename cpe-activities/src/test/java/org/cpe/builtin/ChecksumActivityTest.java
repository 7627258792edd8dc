package org.cpe.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumActivityTest {

    private static final String SHA256_OF_HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    private final ChecksumActivity activity = new ChecksumActivity();
    private final LocalHttpServer server = LocalHttpServer.start();
    private final RecordingContext context = new RecordingContext().allowing(server.allowEntry());

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource({
        "MD5, 5d41402abc4b2a76b9719d911017c592",
        "SHA-1, aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
        "SHA-256, 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        "SHA-512, 9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c"
                + "4663475c2e5c3adef46f73bcdec043"
    })
    void checksumOfTextMatchesTheKnownDigest(String algorithm, String expected) throws Exception {
        JsonNode result = run("{\"text\": \"hello\", \"algorithm\": \"" + algorithm + "\"}");

        assertThat(result.get("algorithm").asText()).isEqualTo(algorithm);
        assertThat(result.get("checksum").asText()).isEqualTo(expected);
        assertThat(result.get("size").asLong()).isEqualTo(5);
    }

    @Test
    void absentOrNullAlgorithmMeansSha256AndNullFieldsCountAsAbsent() throws Exception {
        // The packaged plan renders absent fields as JSON null.
        JsonNode rendered = run("{\"text\": \"hello\", \"url\": null, \"algorithm\": null}");
        JsonNode minimal = run("{\"text\": \"hello\"}");

        assertThat(rendered.get("algorithm").asText()).isEqualTo("SHA-256");
        assertThat(rendered.get("checksum").asText()).isEqualTo(SHA256_OF_HELLO);
        assertThat(minimal).isEqualTo(rendered);
    }

    @Test
    void algorithmIsMatchedIgnoringCaseAndReportedAsListed() throws Exception {
        assertThat(run("{\"text\": \"hello\", \"algorithm\": \"sha-256\"}")
                        .get("algorithm")
                        .asText())
                .isEqualTo("SHA-256");
    }

    @Test
    void textIsHashedAsUtf8AndSizeCountsItsBytes() throws Exception {
        JsonNode result = run("{\"text\": \"h\u00e9llo \u20ac\"}");

        assertThat(result.get("size").asLong()).isEqualTo(10);
        assertThat(result.get("checksum").asText()).isEqualTo(sha256("h\u00e9llo \u20ac".getBytes("UTF-8")));
    }

    @Test
    void urlBodyIsStreamedHashedAndReportsProgressUpTo100() throws Exception {
        byte[] body = randomBytes(1_000_000);
        server.serve("/data.bin", 200, body, true);

        JsonNode result = run("{\"url\": \"" + server.url("/data.bin") + "\"}");

        assertThat(result.get("checksum").asText()).isEqualTo(sha256(body));
        assertThat(result.get("size").asLong()).isEqualTo(body.length);
        assertThat(context.reports()).first().isEqualTo("preparing");
        assertThat(context.progress())
                .hasSizeGreaterThan(1)
                .isSorted()
                .doesNotHaveDuplicates()
                .endsWith(100);
    }

    @Test
    void urlBodyWithoutContentLengthIsHashedWithoutProgress() throws Exception {
        byte[] body = randomBytes(200_000);
        server.serve("/chunked", 200, body, false);

        JsonNode result = run("{\"url\": \"" + server.url("/chunked") + "\", \"algorithm\": \"MD5\"}");

        assertThat(result.get("size").asLong()).isEqualTo(body.length);
        assertThat(result.get("checksum").asText())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("MD5").digest(body)));
        assertThat(context.reports()).containsExactly("preparing");
    }

    @Test
    void notFoundFailsAsDownloadFailedNamingUrlAndStatus() {
        server.serve("/missing", 404, "no such thing".getBytes(), true);
        String url = server.url("/missing");

        assertThatThrownBy(() -> run("{\"url\": \"" + url + "\"}"))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "DOWNLOAD_FAILED")
                .hasMessageContaining(url)
                .hasMessageContaining("404");
    }

    @Test
    void unreachableServerFailsAsDownloadFailed() {
        String url = server.url("/gone");
        server.close();

        assertThatThrownBy(() -> run("{\"url\": \"" + url + "\"}"))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "DOWNLOAD_FAILED")
                .hasMessageContaining(url);
    }

    @Test
    void cancellationBeforeTheBodyIsReadStopsTheDownload() {
        server.serve("/data.bin", 200, randomBytes(1000), true);
        context.requestCancel();

        assertThatThrownBy(() -> run("{\"url\": \"" + server.url("/data.bin") + "\"}"))
                .isInstanceOf(ActivityCanceledException.class);
        assertThat(context.progress()).isEmpty();
    }

    @Test
    void internalAddressIsRefusedWithoutARequestUnlessTheOperatorAllowsIt() {
        server.serve("/?Action=CreateQueue", 200, "created".getBytes(), true);
        RecordingContext strict = new RecordingContext();
        String url = server.url("/?Action=CreateQueue&QueueName=ssrf-proof");

        assertThatThrownBy(() -> activity.execute(TestTask.of("{\"url\": \"" + url + "\"}"), strict))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "ADDRESS_NOT_ALLOWED")
                .hasMessageContaining("loopback")
                .hasMessageContaining("cpe.security.outbound-allow");
        assertThatThrownBy(() -> activity.execute(
                        TestTask.of("{\"url\": \"" + url.replace("127.0.0.1", "localhost") + "\"}"), strict))
                .hasFieldOrPropertyWithValue("reason", "ADDRESS_NOT_ALLOWED");
        assertThat(server.requests()).isZero();
    }

    @Test
    void redirectToAnInternalAddressIsRefused() {
        try (LocalHttpServer internal = LocalHttpServer.start()) {
            internal.serve("/secret", 200, "internal".getBytes(), true);
            server.redirect("/away", internal.url("/secret"));

            assertThatThrownBy(() -> run("{\"url\": \"" + server.url("/away") + "\"}"))
                    .isInstanceOf(ActivityException.class)
                    .hasFieldOrPropertyWithValue("reason", "ADDRESS_NOT_ALLOWED");
            assertThat(internal.requests()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/file", "file:///etc/passwd", "example.com/file", "http://"})
    void urlOtherThanHttpOrHttpsIsInvalidInputNamingTheAllowedSchemes(String url) {
        assertThatThrownBy(() -> run("{\"url\": \"" + url + "\"}"))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "INPUT_INVALID")
                .hasMessageContaining("http or https");
        assertThat(context.reports()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}                                           | exactly one of \"text\" or \"url\", not neither",
                "{\"text\": null, \"url\": null}              | exactly one of \"text\" or \"url\", not neither",
                "{\"text\": \"a\", \"url\": \"http://x/\"}    | exactly one of \"text\" or \"url\", not both",
                "{\"text\": \"a\", \"algorithm\": \"CRC32\"}  | one of MD5, SHA-1, SHA-256, SHA-512",
                "{\"text\": 42}                               | \"text\" must be a string",
                "[\"hello\"]                                  | must be a JSON object"
            })
    void badInputIsInvalidWithAMessageSayingWhatIsAllowed(String input, String message) {
        assertThatThrownBy(() -> run(input))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "INPUT_INVALID")
                .hasMessageContaining(message);
    }

    private JsonNode run(String input) throws Exception {
        return activity.execute(TestTask.of(input), context);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
