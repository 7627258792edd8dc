package org.cpe.s3.http;

/** The {@code Range} header of a GET, as S3 reads it: one range of bytes, or the whole object when it is not one. */
final class Ranges {

    private Ranges() {}

    /**
     * The first and last byte of {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}, or null to send the whole
     * object (a header S3 ignores, such as several ranges).
     */
    static long[] parse(String header, long size) throws S3Error {
        String value = header.trim();
        if (!value.startsWith("bytes=") || value.contains(",")) {
            return null;
        }
        String spec = value.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix == 0) {
                    throw unsatisfiable(header, size);
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(from);
                last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
                if (!to.isEmpty() && Long.parseLong(to) < first) {
                    return null;
                }
            }
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static S3Error unsatisfiable(String header, long size) {
        return new S3Error(
                416, "InvalidRange", "The requested range is not satisfiable: " + header + " of " + size + " bytes");
    }
}
