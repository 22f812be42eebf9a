package dev.skein.assembly;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, for a bounded number of keys, until when a write stays good: a warm function then
 * skips rewriting a catalogue entry or rescheduling a timer. Losing the memory (a cold start, an
 * evicted key) only costs a repeated write, never correctness. Thread-safe (skein-local runs one
 * assembler for several shards at once); two threads deciding on one key at once at worst both
 * write.
 */
final class RecentWrites<K> {
    private final Map<K, Long> goodUntil;

    RecentWrites(int capacity) {
        this.goodUntil = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean isFresh(K key, long nowMillis) {
        Long until = goodUntil.get(key);
        return until != null && until > nowMillis;
    }

    synchronized void wrote(K key, long goodUntilMillis) {
        goodUntil.put(key, goodUntilMillis);
    }
}
