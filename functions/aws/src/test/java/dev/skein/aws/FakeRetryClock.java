package dev.skein.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Time that passes only when the code under test sleeps; records every sleep. */
public final class FakeRetryClock implements RetryClock {
    private long now = 1_000_000_000L;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now += duration.toNanos();
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    public synchronized Duration elapsed() {
        return Duration.ofNanos(now - 1_000_000_000L);
    }
}
