package dev.skein.tenancy;

import dev.skein.model.Tenants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as a client holds it: {@code skn1.{tenant}.{keyId}.{secret}}. The tenant and key
 * ID say where the key is stored, so a lookup is one read; the secret is 32 random bytes and
 * only its {@link #hash} is ever stored. The tenant may contain dots, so a key is read from the
 * right.
 */
public final class ApiKey {
    static final String PREFIX = "skn1.";
    static final int KEY_ID_LENGTH = 12;
    static final int SECRET_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{" + KEY_ID_LENGTH + "}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final char[] KEY_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** Longer than any key Skein issues (a 64-character tenant), short enough to bound work on junk. */
    static final int MAX_LENGTH = PREFIX.length() + 64 + 1 + KEY_ID_LENGTH + 1 + 43;

    private final String tenant;
    private final String keyId;
    private final String secret;

    private ApiKey(String tenant, String keyId, String secret) {
        this.tenant = tenant;
        this.keyId = keyId;
        this.secret = secret;
    }

    /** A new key for {@code tenant}. */
    public static ApiKey generate(String tenant, SecureRandom random) {
        if (!Tenants.isValid(tenant)) {
            throw new IllegalArgumentException("tenant IDs are 1-64 of A-Z a-z 0-9 _ . -, got '" + tenant + "'");
        }
        char[] id = new char[KEY_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = KEY_ID_ALPHABET[random.nextInt(KEY_ID_ALPHABET.length)];
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new ApiKey(tenant, new String(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key in {@code token}, or empty when it is not shaped like one of Skein's keys. */
    public static Optional<ApiKey> parse(String token) {
        if (token == null || token.length() > MAX_LENGTH || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int secretDot = token.lastIndexOf('.');
        int idDot = token.lastIndexOf('.', secretDot - 1);
        if (idDot < PREFIX.length()) {
            return Optional.empty();
        }
        String tenant = token.substring(PREFIX.length(), idDot);
        String keyId = token.substring(idDot + 1, secretDot);
        String secret = token.substring(secretDot + 1);
        if (!Tenants.isValid(tenant) || !KEY_ID.matcher(keyId).matches() || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKey(tenant, keyId, secret));
    }

    public static boolean isKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    public String tenant() {
        return tenant;
    }

    public String keyId() {
        return keyId;
    }

    /** The whole key, as the client sends it. Shown once, when the key is created. */
    public String token() {
        return PREFIX + tenant + "." + keyId + "." + secret;
    }

    /**
     * What is stored instead of the secret: SHA-256 over a versioned input that binds the secret
     * to its tenant and key ID, so a stored hash cannot be moved to another tenant's item. The
     * secret is 256 random bits, so no slow hash is needed against guessing.
     */
    public byte[] hash() {
        return hash(tenant, keyId, secret);
    }

    static byte[] hash(String tenant, String keyId, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(("skein-api-key-v1\n" + tenant + "\n" + keyId + "\n" + secret)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Constant time in the hashes' contents, so timing tells an attacker nothing about a stored hash. */
    public boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(hash(), storedHash);
    }

    /** Never the secret: keys end up in logs through toString more often than anyone intends. */
    @Override
    public String toString() {
        return PREFIX + tenant + "." + keyId + ".…";
    }
}
