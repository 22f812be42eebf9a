package dev.skein.ingest;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.Hex;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import dev.skein.model.Utf8Prefix;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The per-span rules of ingest. {@link #problem} decides whether a span is stored at all;
 * {@link Capper} trims what it may carry and counts every cut, so nothing is dropped silently.
 */
final class SpanPolicy {
    private final IngestLimits limits;

    SpanPolicy(IngestLimits limits) {
        this.limits = limits;
    }

    /** Why the span must be rejected, or null when it may be stored. */
    String problem(Span s, long nowNanos) {
        if (s.traceId().isZero()) {
            return "span " + Hex.spanIdToHex(s.spanId()) + ": trace ID is all zeros";
        }
        if (s.spanId() == 0) {
            return "a span of trace " + s.traceId().toHex() + ": span ID is all zeros";
        }
        if (s.startEpochNanos() == 0) {
            return who(s) + ": start time is missing";
        }
        if (s.endEpochNanos() < s.startEpochNanos()) {
            return who(s) + ": end time is before start time";
        }
        long oldest = nowNanos - limits.maxSpanAge().toNanos();
        if (s.startEpochNanos() < oldest) {
            return who(s) + ": start time " + Instant.ofEpochSecond(0, s.startEpochNanos())
                    + " is older than the " + limits.maxSpanAge() + " ingest window";
        }
        long newest = nowNanos + limits.maxSpanFuture().toNanos();
        if (s.endEpochNanos() > newest) {
            return who(s) + ": end time " + Instant.ofEpochSecond(0, s.endEpochNanos())
                    + " is more than " + limits.maxSpanFuture() + " in the future";
        }
        return null;
    }

    /** Names a span in a rejection; built only for rejected spans, never on the common path. */
    private static String who(Span s) {
        return "span " + Hex.spanIdToHex(s.spanId()) + " of trace " + s.traceId().toHex();
    }

    /**
     * Trims spans to the limits, one request at a time: it counts what it cut, and trims a
     * resource or scope shared by many spans once.
     */
    final class Capper {
        int droppedAttributes;
        int droppedEvents;
        int droppedLinks;
        int truncatedValues;
        private final Map<Resource, Resource> resources = new IdentityHashMap<>();
        private final Map<InstrumentationScope, InstrumentationScope> scopes = new IdentityHashMap<>();

        Span cap(Span s) {
            Resource resource = resources.computeIfAbsent(s.resource(), this::capResource);
            InstrumentationScope scope = scopes.computeIfAbsent(s.scope(), this::capScope);
            List<Attribute> attrs = capAttributes(s.attributes());
            List<SpanEvent> events = capEvents(s.events());
            List<SpanLink> links = capLinks(s.links());
            if (attrs == s.attributes() && events == s.events() && links == s.links()
                    && resource == s.resource() && scope == s.scope()) {
                return s; // the common case: nothing over a limit, nothing copied
            }
            Span.Builder b = s.toBuilder();
            b.droppedAttributesCount = s.droppedAttributesCount() + (s.attributes().size() - attrs.size());
            b.attributes = attrs;
            b.droppedEventsCount = s.droppedEventsCount() + (s.events().size() - events.size());
            b.events = events;
            b.droppedLinksCount = s.droppedLinksCount() + (s.links().size() - links.size());
            b.links = links;
            b.resource = resource;
            b.scope = scope;
            return b.build();
        }

        private Resource capResource(Resource r) {
            List<Attribute> attrs = capAttributes(r.attributes());
            return attrs == r.attributes() ? r : new Resource(attrs,
                    r.droppedAttributesCount() + r.attributes().size() - attrs.size(), r.schemaUrl());
        }

        private InstrumentationScope capScope(InstrumentationScope sc) {
            List<Attribute> attrs = capAttributes(sc.attributes());
            return attrs == sc.attributes() ? sc : new InstrumentationScope(sc.name(), sc.version(),
                    attrs, sc.droppedAttributesCount() + sc.attributes().size() - attrs.size(),
                    sc.schemaUrl());
        }

        private List<SpanEvent> capEvents(List<SpanEvent> events) {
            int keep = Math.min(events.size(), limits.maxEventsPerSpan());
            droppedEvents += events.size() - keep;
            return capEach(events, keep, SpanEvent::attributes, (e, attrs) -> new SpanEvent(
                    e.epochNanos(), e.name(), attrs, e.droppedAttributesCount() + e.attributes().size() - attrs.size()));
        }

        private List<SpanLink> capLinks(List<SpanLink> links) {
            int keep = Math.min(links.size(), limits.maxLinksPerSpan());
            droppedLinks += links.size() - keep;
            return capEach(links, keep, SpanLink::attributes, (l, attrs) -> new SpanLink(l.traceId(),
                    l.spanId(), l.traceState(), l.flags(), attrs,
                    l.droppedAttributesCount() + l.attributes().size() - attrs.size()));
        }

        /**
         * Keeps the first {@code keep} items, each with its attributes capped; the same list when
         * nothing changed, so the common case allocates nothing.
         */
        private <T> List<T> capEach(List<T> items, int keep, Function<T, List<Attribute>> attributesOf,
                BiFunction<T, List<Attribute>, T> withAttributes) {
            List<T> out = null;
            for (int i = 0; i < keep; i++) {
                T item = items.get(i);
                List<Attribute> attrs = capAttributes(attributesOf.apply(item));
                boolean changed = attrs != attributesOf.apply(item);
                if (changed && out == null) {
                    out = new ArrayList<>(items.subList(0, i));
                }
                if (out != null) {
                    out.add(changed ? withAttributes.apply(item, attrs) : item);
                }
            }
            if (out == null) {
                return keep == items.size() ? items : items.subList(0, keep);
            }
            return out;
        }

        /** The same list when nothing is over a limit; otherwise a trimmed copy. */
        private List<Attribute> capAttributes(List<Attribute> attrs) {
            int keep = Math.min(attrs.size(), limits.maxAttributesPerSpan());
            droppedAttributes += attrs.size() - keep;
            List<Attribute> out = null;
            for (int i = 0; i < keep; i++) {
                Attribute a = attrs.get(i);
                AnyValue v = capValue(a.value(), 0);
                if (v != a.value() && out == null) {
                    out = new ArrayList<>(attrs.subList(0, i));
                }
                if (out != null) {
                    out.add(v == a.value() ? a : new Attribute(a.key(), v));
                }
            }
            if (out == null) {
                return keep == attrs.size() ? attrs : attrs.subList(0, keep);
            }
            return out;
        }

        private AnyValue capValue(AnyValue v, int depth) {
            int max = limits.maxAttributeValueBytes();
            if (v instanceof AnyValue.StringValue s) {
                String t = Utf8Prefix.of(s.value(), max);
                if (t != s.value()) {
                    truncatedValues++;
                    return new AnyValue.StringValue(t);
                }
            } else if (v instanceof AnyValue.BytesValue b && b.value().length > max) {
                truncatedValues++;
                return new AnyValue.BytesValue(java.util.Arrays.copyOf(b.value(), max));
            } else if (v instanceof AnyValue.ArrayValue a) {
                List<AnyValue> values = a.values();
                int keep = Math.min(values.size(), limits.maxAttributesPerSpan());
                List<AnyValue> out = new ArrayList<>(keep);
                boolean changed = keep < values.size();
                for (int i = 0; i < keep; i++) {
                    AnyValue c = capValue(values.get(i), depth + 1);
                    changed |= c != values.get(i);
                    out.add(c);
                }
                if (changed) {
                    if (keep < values.size()) {
                        truncatedValues++;
                    }
                    return new AnyValue.ArrayValue(out);
                }
            } else if (v instanceof AnyValue.KeyValueList m) {
                List<Attribute> capped = capAttributes(m.values());
                if (capped != m.values()) {
                    return new AnyValue.KeyValueList(capped);
                }
            }
            return v;
        }
    }
}
