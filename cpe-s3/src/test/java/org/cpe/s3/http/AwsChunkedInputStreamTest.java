package org.cpe.s3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.cpe.swf.http.SigV4Verifier;
import org.junit.jupiter.api.Test;

/** Decoding of aws-chunked bodies: data passes, a chunk changed in transit or a broken frame is refused. */
class AwsChunkedInputStreamTest {

    private static final SigV4Verifier.Signed SEED = new SigV4Verifier.Signed(
            "a".repeat(64), "20261124T000000Z", "20261124/us-east-1/s3/aws4_request", new byte[32]);

    @Test
    void signedChunksDecodeToTheData() throws IOException {
        byte[] body = signedBody("hello ", "world");
        assertThat(new String(
                        new AwsChunkedInputStream(new ByteArrayInputStream(body), SEED, false).readAllBytes(),
                        StandardCharsets.UTF_8))
                .isEqualTo("hello world");
    }

    @Test
    void aChunkChangedInTransitIsRefused() {
        byte[] body = signedBody("hello ", "world");
        String text = new String(body, StandardCharsets.ISO_8859_1).replace("world", "w0rld");
        assertThatThrownBy(() -> new AwsChunkedInputStream(
                                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), SEED, false)
                        .readAllBytes())
                .isInstanceOfSatisfying(
                        PayloadMismatch.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void unsignedChunksWithATrailerDecodeAndAShortBodyIsRefused() throws IOException {
        byte[] body = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new AwsChunkedInputStream(new ByteArrayInputStream(body), null, true).readAllBytes())
                .isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
        byte[] cut = "a\r\nhello".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new AwsChunkedInputStream(new ByteArrayInputStream(cut), null, true).readAllBytes())
                .isInstanceOfSatisfying(
                        PayloadMismatch.class, e -> assertThat(e.code()).isEqualTo("IncompleteBody"));
    }

    private static byte[] signedBody(String... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = SEED.signature();
        for (String chunk : chunks) {
            previous = SEED.chunkSignature(previous, sha256(chunk));
            out.writeBytes(
                    (Integer.toHexString(chunk.length()) + ";chunk-signature=" + previous + "\r\n" + chunk + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
        }
        previous = SEED.chunkSignature(previous, sha256(""));
        out.writeBytes(("0;chunk-signature=" + previous + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
