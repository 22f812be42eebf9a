package dev.skein.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Looks a presented key up and says whose it is. Answers, good and bad, are kept for the cache
 * time: a warm authorizer does not read the table again for a key it has seen, and a flood of
 * one wrong key costs one read per cache period. So a revoked key stops working within the
 * cache time, the same promise API Gateway's own authorizer cache makes.
 */
public final class KeyVerifier {
    /** Enough for every key of a large deployment; past it the oldest answers go first. */
    static final int MAX_CACHED = 10_000;

    /** Why a key was not good. */
    public enum Problem {
        MALFORMED("not a Skein API key (skn1.…)"),
        UNKNOWN("unknown API key"),
        REVOKED("revoked API key");

        private final String message;

        Problem(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** A key's owner and scopes, or the problem with it. */
    public record Verdict(Optional<String> tenant, Set<Scope> scopes, Optional<Problem> problem) {
        static Verdict valid(StoredKey key) {
            return new Verdict(Optional.of(key.tenant()), key.scopes(), Optional.empty());
        }

        static Verdict invalid(Problem problem) {
            return new Verdict(Optional.empty(), Set.of(), Optional.of(problem));
        }

        public boolean isValid() {
            return problem.isEmpty();
        }
    }

    private record Cached(Verdict verdict, Instant until) {}

    private final ApiKeyStore store;
    private final Clock clock;
    private final Duration cacheTime;
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_CACHED;
        }
    };

    /** @param cacheTime how long an answer is kept; zero reads the store every time */
    public KeyVerifier(ApiKeyStore store, Clock clock, Duration cacheTime) {
        if (cacheTime.isNegative()) throw new IllegalArgumentException("cache time must not be negative");
        this.store = store;
        this.clock = clock;
        this.cacheTime = cacheTime;
    }

    public Verdict verify(String token) {
        Optional<ApiKey> parsed = ApiKey.parse(token);
        if (parsed.isEmpty()) {
            return Verdict.invalid(Problem.MALFORMED);
        }
        ApiKey key = parsed.get();
        Instant now = clock.instant();
        // Cached under the key's hash: the plain secret is not kept in memory past this call.
        String cacheKey = cacheTime.isZero() ? null : HexFormat.of().formatHex(key.hash());
        if (cacheKey != null) {
            synchronized (cache) {
                Cached cached = cache.get(cacheKey);
                if (cached != null && now.isBefore(cached.until())) {
                    return cached.verdict();
                }
            }
        }
        Verdict verdict = store.find(key.tenant(), key.keyId())
                .map(stored -> !key.matches(stored.hash()) ? Verdict.invalid(Problem.UNKNOWN)
                        : stored.revoked() ? Verdict.invalid(Problem.REVOKED)
                        : Verdict.valid(stored))
                .orElse(Verdict.invalid(Problem.UNKNOWN));
        if (cacheKey != null) {
            synchronized (cache) {
                cache.put(cacheKey, new Cached(verdict, now.plus(cacheTime)));
            }
        }
        return verdict;
    }
}
