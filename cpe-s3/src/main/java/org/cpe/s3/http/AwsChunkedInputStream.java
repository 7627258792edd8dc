package org.cpe.s3.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cpe.swf.http.SigV4Verifier;

/**
 * Decodes an {@code aws-chunked} body, the SDKs' streaming upload: chunks of {@code <hex size>[;chunk-signature=<sig>]
 * CRLF <data> CRLF}, ended by a chunk of size 0 and, for the {@code -TRAILER} variants, trailing header lines. With a
 * seed signature each chunk's signature is checked when the chunk ends; a bad one is thrown before the end of the
 * body, so nothing of it is stored. Trailing checksums are read and not checked.
 */
final class AwsChunkedInputStream extends InputStream {

    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final SigV4Verifier.Signed seed;
    private final boolean trailer;
    private String previousSignature;
    private String chunkSignature;
    private MessageDigest chunkDigest;
    private long remaining;
    private boolean done;

    /** @param seed the request's signature when chunks are signed, else null */
    AwsChunkedInputStream(InputStream in, SigV4Verifier.Signed seed, boolean trailer) {
        this.in = in;
        this.seed = seed;
        this.trailer = trailer;
        this.previousSignature = seed == null ? null : seed.signature();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!done && remaining == 0) {
            nextChunk();
        }
        if (done) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw malformed("the body ended inside a chunk");
        }
        if (chunkDigest != null) {
            chunkDigest.update(buffer, offset, n);
        }
        remaining -= n;
        if (remaining == 0) {
            endChunk();
            if (!line().isEmpty()) {
                throw malformed("a chunk's data is longer than its declared size");
            }
        }
        return n;
    }

    private void nextChunk() throws IOException {
        String header = line();
        int semicolon = header.indexOf(';');
        String hexSize = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        long size;
        try {
            size = Long.parseLong(hexSize, 16);
        } catch (NumberFormatException e) {
            throw malformed("a chunk header '" + header + "' has no hexadecimal size");
        }
        if (size < 0) {
            throw malformed("a chunk has a negative size");
        }
        chunkSignature = null;
        if (semicolon >= 0) {
            String extension = header.substring(semicolon + 1).trim();
            if (extension.startsWith("chunk-signature=")) {
                chunkSignature = extension.substring("chunk-signature=".length());
            }
        }
        if (seed != null && chunkSignature == null) {
            throw new PayloadMismatch("SignatureDoesNotMatch", "a chunk of a signed streaming upload has no signature");
        }
        chunkDigest = seed == null ? null : sha256();
        remaining = size;
        if (size == 0) {
            endChunk();
            finish();
        }
    }

    private void endChunk() throws IOException {
        if (seed != null) {
            String expected =
                    seed.chunkSignature(previousSignature, HexFormat.of().formatHex(chunkDigest.digest()));
            if (!expected.equals(chunkSignature)) {
                throw new PayloadMismatch(
                        "SignatureDoesNotMatch",
                        "The chunk signature we calculated does not match the one you provided");
            }
            previousSignature = chunkSignature;
        }
    }

    private void finish() throws IOException {
        done = true;
        // Trailing x-amz-checksum-* and x-amz-trailer-signature lines, if any, up to the empty line: not checked.
        String line = line();
        while (trailer && !line.isEmpty()) {
            line = line();
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (bytes.size() == 0 && previous < 0) {
                    return "";
                }
                throw malformed("the body ended inside a chunk header");
            }
            if (b == '\n' && previous == '\r') {
                byte[] all = bytes.toByteArray();
                return new String(all, 0, all.length - 1, StandardCharsets.US_ASCII);
            }
            if (bytes.size() >= MAX_LINE) {
                throw malformed("a chunk header is longer than " + MAX_LINE + " bytes");
            }
            bytes.write(b);
            previous = b;
        }
    }

    private static PayloadMismatch malformed(String why) {
        return new PayloadMismatch("IncompleteBody", "The aws-chunked body is malformed: " + why);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
