package dev.skein.local.demo;

import dev.skein.model.Span;
import dev.skein.model.SpanKind;
import java.util.ArrayList;
import java.util.List;

/** Gives simulated spans their IDs and keeps each once it has ended. */
final class Recorder {
    private final Dice dice;
    private final List<Span> ended = new ArrayList<>();

    Recorder(Dice dice) {
        this.dice = dice;
    }

    /** The first span of a new trace. */
    Draft root(SimulatedService service, Library library, String name, SpanKind kind, long startNanos) {
        return new Draft(this, service, library, dice.traceId(), dice.spanId(), 0, name, kind, startNanos);
    }

    Draft child(Draft parent, SimulatedService service, Library library, String name, SpanKind kind,
            long startNanos) {
        return new Draft(this, service, library, parent.traceId(), dice.spanId(), parent.spanId(), name, kind,
                startNanos);
    }

    void ended(Span span) {
        ended.add(span);
    }

    /** The spans ended so far, in the order they ended. */
    List<Span> spans() {
        return List.copyOf(ended);
    }
}
