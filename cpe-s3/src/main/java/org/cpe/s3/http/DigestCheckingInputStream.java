package org.cpe.s3.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Passes a body through and, at its end, compares its digest with the one the client declared; a mismatch is thrown
 * from the last read, so a store that commits only after reading to the end never commits the body.
 */
final class DigestCheckingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private final byte[] expected;
    private final String code;
    private final String message;
    private boolean checked;

    DigestCheckingInputStream(InputStream in, MessageDigest digest, byte[] expected, String code, String message) {
        super(in);
        this.digest = digest;
        this.expected = expected;
        this.code = code;
        this.message = message;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check();
        } else {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            check();
        } else {
            digest.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a checked body is read, not skipped");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws PayloadMismatch {
        if (!checked) {
            checked = true;
            if (!Arrays.equals(digest.digest(), expected)) {
                throw new PayloadMismatch(code, message);
            }
        }
    }
}
