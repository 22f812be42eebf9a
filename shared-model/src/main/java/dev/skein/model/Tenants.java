package dev.skein.model;

import java.util.regex.Pattern;

/**
 * What a tenant ID may be. Tenant IDs go into every storage key (S3 prefixes, DynamoDB keys
 * separated by {@code #}, stream partition keys separated by {@code /}), so they are short and
 * use only characters that no key format gives a meaning: 1-64 of A-Z a-z 0-9 _ . -
 */
public final class Tenants {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private Tenants() {}

    public static boolean isValid(String tenant) {
        return tenant != null && VALID.matcher(tenant).matches();
    }
}
