package dev.skein.trace;

import java.util.Objects;

/**
 * One edge of the service graph in one minute: {@code parent} called {@code child}. The minute
 * (epoch minutes) is the callee's start; {@code child} may be a remote node that did not report
 * spans itself (a database, an external API), named from the caller's attributes.
 */
public record ServiceEdge(long minuteEpoch, String parent, String child) implements Comparable<ServiceEdge> {
    public ServiceEdge {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(child, "child");
    }

    @Override
    public int compareTo(ServiceEdge o) {
        int c = Long.compare(minuteEpoch, o.minuteEpoch);
        if (c == 0) c = parent.compareTo(o.parent);
        if (c == 0) c = child.compareTo(o.child);
        return c;
    }
}
