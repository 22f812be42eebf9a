package dev.skein.aws.kinesis;

import dev.skein.aws.RetryClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Time that passes only when the code under test sleeps; records every sleep. */
final class FakeRetryClock implements RetryClock {
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

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized Duration elapsed() {
        return Duration.ofNanos(now - 1_000_000_000L);
    }
}
