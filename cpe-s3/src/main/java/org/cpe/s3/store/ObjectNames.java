package org.cpe.s3.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3's naming rules, and the file name of each key. A key may hold any character, and both {@code a} and {@code a/b}
 * may exist, so a key is not a path: its file name is the key with every byte outside {@code [A-Za-z0-9._-]}, and a
 * leading dot, percent-encoded (so operators can still read it), or, when that would be longer than a file name may
 * be, {@code ~} and the key's SHA-256.
 */
final class ObjectNames {

    static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_FILE_NAME = 240;
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private ObjectNames() {}

    static void checkBucket(String bucket) throws StoreException {
        if (bucket == null
                || !BUCKET.matcher(bucket).matches()
                || bucket.contains("..")
                || IP_ADDRESS.matcher(bucket).matches()) {
            throw new StoreException(
                    "InvalidBucketName",
                    400,
                    "The specified bucket is not valid: '" + bucket + "'. A bucket name has 3 to 63 characters:"
                            + " lower-case letters, digits, dots and hyphens, beginning and ending with a letter or"
                            + " digit",
                    bucket);
        }
    }

    static void checkKey(String bucket, String key) throws StoreException {
        if (key == null || key.isEmpty()) {
            throw StoreException.invalidArgument("An object needs a key", bucket);
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new StoreException(
                    "KeyTooLongError", 400, "Your key is too long: at most 1024 bytes in UTF-8", bucket + "/" + key);
        }
    }

    static String fileName(String key) {
        StringBuilder name = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || (c == '.' && !name.isEmpty());
            if (plain) {
                name.append((char) c);
            } else {
                name.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        if (name.length() > MAX_FILE_NAME) {
            return "~" + sha256(key);
        }
        return name.toString();
    }

    /** The key a file name stands for, or empty when it is a hashed name (the key is then in the metadata). */
    static Optional<String> keyOf(String fileName) {
        if (fileName.startsWith("~")) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '%' && i + 2 < fileName.length()) {
                bytes.write(Integer.parseInt(fileName.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
