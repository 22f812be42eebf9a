package dev.skein.local.demo;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanKind;
import dev.skein.model.SpanLink;
import dev.skein.model.SpanStatus;
import dev.skein.model.StatusCode;
import dev.skein.model.TraceId;
import java.util.ArrayList;
import java.util.List;

/**
 * A span of the simulation while its work goes on: attributes, events, links and status gather
 * here until {@link #end} hands the finished span to its recorder.
 */
final class Draft {
    /** W3C trace flags: sampled. */
    private static final int SAMPLED = 1;

    private final Recorder recorder;
    private final SimulatedService service;
    private final Span.Builder span = Span.builder();
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<SpanEvent> events = new ArrayList<>(0);
    private final List<SpanLink> links = new ArrayList<>(0);

    Draft(Recorder recorder, SimulatedService service, Library library, TraceId traceId, long spanId,
            long parentSpanId, String name, SpanKind kind, long startNanos) {
        this.recorder = recorder;
        this.service = service;
        span.traceId = traceId;
        span.spanId = spanId;
        span.parentSpanId = parentSpanId;
        span.flags = SAMPLED;
        span.name = name;
        span.kind = kind;
        span.startEpochNanos = startNanos;
        span.resource = service.resource();
        span.scope = service.scope(library);
    }

    SimulatedService service() {
        return service;
    }

    TraceId traceId() {
        return span.traceId;
    }

    long spanId() {
        return span.spanId;
    }

    /** When the span ended; 0 before {@link #end}. */
    long endNanos() {
        return span.endEpochNanos;
    }

    /** A span of this one's trace, called from it. */
    Draft child(SimulatedService service, Library library, String name, SpanKind kind, long startNanos) {
        return recorder.child(this, service, library, name, kind, startNanos);
    }

    Draft set(String key, String value) {
        attributes.add(Attribute.of(key, value));
        return this;
    }

    Draft set(String key, long value) {
        attributes.add(new Attribute(key, AnyValue.of(value)));
        return this;
    }

    /** A link to a span that caused this one without calling it: a consumer to its producer. */
    Draft linkTo(Draft cause) {
        links.add(new SpanLink(cause.traceId(), cause.spanId(), "", SAMPLED, List.of(), 0));
        return this;
    }

    /** The event OpenTelemetry records for an exception, at the moment it was thrown. */
    Draft exception(String type, String message, String stacktrace, long atNanos) {
        events.add(new SpanEvent(atNanos, "exception", List.of(
                Attribute.of("exception.type", type),
                Attribute.of("exception.message", message),
                Attribute.of("exception.stacktrace", stacktrace)), 0));
        return this;
    }

    Draft fail(String description) {
        span.status = SpanStatus.of(StatusCode.ERROR, description);
        return this;
    }

    /** Finishes the span and returns its end, where the caller's work goes on. */
    long end(long endNanos) {
        span.endEpochNanos = endNanos;
        span.attributes = attributes;
        span.events = events;
        span.links = links;
        recorder.ended(span.build());
        return endNanos;
    }
}
