package org.cpe.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The form in which a CPE server keeps the passwords of its API users ({@code cpe.security.users}): PBKDF2 with
 * HMAC-SHA256, written {@code PBKDF2WithHmacSHA256:iterations:salt:hash} with the salt and hash in Base64, as Jakarta
 * Security's {@code Pbkdf2PasswordHash} stores them. {@code cpe hash-password} prints one.
 */
public final class PasswordHash {

    /** The prefix of a hashed password; anything else in {@code cpe.security.users} is a password in plain text. */
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    /** A new hash of {@code password} with a random salt. */
    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return ALGORITHM + ":" + ITERATIONS + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(derive(password, salt, ITERATIONS, HASH_BITS));
    }

    /** Whether {@code stored} is in the hashed form (and not a password in plain text). */
    public static boolean isHash(String stored) {
        return stored.startsWith(ALGORITHM + ":");
    }

    /**
     * Whether {@code password} matches {@code stored}, a hash or a plain-text password, compared in constant time.
     *
     * @throws IllegalArgumentException when {@code stored} starts like a hash but is not a well-formed one
     */
    public static boolean matches(char[] password, String stored) {
        if (password.length == 0) {
            return false;
        }
        if (!isHash(stored)) {
            byte[] given = new String(password).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(given, stored.getBytes(StandardCharsets.UTF_8));
        }
        Parsed parsed = parse(stored);
        return MessageDigest.isEqual(
                parsed.hash, derive(password, parsed.salt, parsed.iterations, parsed.hash.length * 8));
    }

    /**
     * Checks that {@code stored}, when it starts like a hash, is a well-formed one.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static void check(String stored) {
        if (isHash(stored)) {
            parse(stored);
        }
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Parsed parse(String stored) {
        String form = "not " + ALGORITHM + ":iterations:salt:hash";
        String[] parts = stored.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException(form);
        }
        try {
            Parsed parsed = new Parsed(
                    Integer.parseInt(parts[1]),
                    Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3]));
            if (parsed.iterations < 1 || parsed.hash.length == 0) {
                throw new IllegalArgumentException(form);
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(form + " (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
