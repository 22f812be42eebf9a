package dev.skein.codec;

import static dev.skein.codec.ProtoReader.LEN;
import static dev.skein.codec.ProtoReader.VARINT;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.SpanEvent;
import dev.skein.model.SpanLink;
import dev.skein.model.SpanStatus;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes canonical spans as an OTLP {@code ExportTraceServiceRequest}: spans grouped under
 * their resource and scope (by identity, as decoders share them), groups in first-seen order.
 * {@link OtlpProtoDecoder} reads it back to equal spans; {@code OtlpProtoEncoderTest} proves the
 * bytes identical to protobuf-java's for the same message.
 *
 * <p>Not thread-safe: it reuses one buffer across calls.
 */
public final class OtlpProtoEncoder {
    private final ReverseProtoWriter w = new ReverseProtoWriter(64 * 1024);

    public byte[] encode(List<Span> spans) {
        w.reset();
        Map<Resource, Map<InstrumentationScope, List<Span>>> groups = new IdentityHashMap<>();
        List<Resource> resourceOrder = new ArrayList<>(2);
        Map<Resource, List<InstrumentationScope>> scopeOrder = new IdentityHashMap<>();
        for (Span s : spans) {
            Map<InstrumentationScope, List<Span>> byScope = groups.get(s.resource());
            if (byScope == null) {
                byScope = new IdentityHashMap<>();
                groups.put(s.resource(), byScope);
                resourceOrder.add(s.resource());
                scopeOrder.put(s.resource(), new ArrayList<>(2));
            }
            List<Span> list = byScope.get(s.scope());
            if (list == null) {
                list = new ArrayList<>();
                byScope.put(s.scope(), list);
                scopeOrder.get(s.resource()).add(s.scope());
            }
            list.add(s);
        }
        // Back to front: last resource first, and within each message the highest field first.
        for (int r = resourceOrder.size() - 1; r >= 0; r--) {
            Resource resource = resourceOrder.get(r);
            int rsEnd = w.size();
            w.stringField(3, resource.schemaUrl());
            List<InstrumentationScope> scopes = scopeOrder.get(resource);
            for (int sc = scopes.size() - 1; sc >= 0; sc--) {
                InstrumentationScope scope = scopes.get(sc);
                int ssEnd = w.size();
                w.stringField(3, scope.schemaUrl());
                List<Span> list = groups.get(resource).get(scope);
                for (int i = list.size() - 1; i >= 0; i--) {
                    span(list.get(i));
                }
                if (!scope.equals(InstrumentationScope.EMPTY)) {
                    int scEnd = w.size();
                    count(4, scope.droppedAttributesCount());
                    attributes(3, scope.attributes());
                    w.stringField(2, scope.version());
                    w.stringField(1, scope.name());
                    w.closeMessage(1, scEnd);
                }
                w.closeMessage(2, ssEnd);
            }
            if (!resource.equals(Resource.EMPTY)) {
                int resEnd = w.size();
                count(2, resource.droppedAttributesCount());
                attributes(1, resource.attributes());
                w.closeMessage(1, resEnd);
            }
            w.closeMessage(1, rsEnd);
        }
        return w.toByteArray();
    }

    /** The size of the span's own field in a ScopeSpans, without resource or scope. */
    int spanFieldSize(Span s) {
        w.reset();
        span(s);
        return w.size();
    }

    private void span(Span s) {
        int end = w.size();
        w.fixed32Field(16, s.flags());
        if (s.status() != SpanStatus.UNSET) {
            int stEnd = w.size();
            w.uint64Field(3, s.status().code().ordinal());
            w.stringField(2, s.status().message());
            w.closeMessage(15, stEnd);
        }
        count(14, s.droppedLinksCount());
        List<SpanLink> links = s.links();
        for (int i = links.size() - 1; i >= 0; i--) {
            SpanLink l = links.get(i);
            int lEnd = w.size();
            w.fixed32Field(6, l.flags());
            count(5, l.droppedAttributesCount());
            attributes(4, l.attributes());
            w.stringField(3, l.traceState());
            id(2, l.spanId());
            traceId(1, l.traceId().high(), l.traceId().low());
            w.closeMessage(13, lEnd);
        }
        count(12, s.droppedEventsCount());
        List<SpanEvent> events = s.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            SpanEvent e = events.get(i);
            int eEnd = w.size();
            count(4, e.droppedAttributesCount());
            attributes(3, e.attributes());
            w.stringField(2, e.name());
            w.fixed64Field(1, e.epochNanos());
            w.closeMessage(11, eEnd);
        }
        count(10, s.droppedAttributesCount());
        attributes(9, s.attributes());
        w.fixed64Field(8, s.endEpochNanos());
        w.fixed64Field(7, s.startEpochNanos());
        w.uint64Field(6, s.kind().ordinal());
        w.stringField(5, s.name());
        if (s.parentSpanId() != 0) {
            id(4, s.parentSpanId());
        }
        w.stringField(3, s.traceState());
        id(2, s.spanId());
        traceId(1, s.traceId().high(), s.traceId().low());
        w.closeMessage(2, end);
    }

    /** uint32 counts: the model keeps them in an int, the wire as unsigned. */
    private void count(int field, int count) {
        w.uint64Field(field, count & 0xffffffffL);
    }

    private void id(int field, long id) {
        w.bigEndian(id);
        w.varint(8);
        w.tag(field, LEN);
    }

    private void traceId(int field, long high, long low) {
        w.bigEndian(low);
        w.bigEndian(high);
        w.varint(16);
        w.tag(field, LEN);
    }

    private void attributes(int field, List<Attribute> attrs) {
        for (int i = attrs.size() - 1; i >= 0; i--) {
            keyValue(field, attrs.get(i));
        }
    }

    private void keyValue(int field, Attribute a) {
        int end = w.size();
        int vEnd = w.size();
        anyValue(a.value());
        w.closeMessage(2, vEnd);
        w.stringField(1, a.key());
        w.closeMessage(field, end);
    }

    /** The value's one field; a oneof member is written even when it holds its default. */
    private void anyValue(AnyValue v) {
        if (v instanceof AnyValue.StringValue s) {
            int end = w.size();
            w.utf8(s.value());
            w.closeMessage(1, end);
        } else if (v instanceof AnyValue.BoolValue b) {
            w.varint(b.value() ? 1 : 0);
            w.tag(2, VARINT);
        } else if (v instanceof AnyValue.IntValue i) {
            w.varint(i.value());
            w.tag(3, VARINT);
        } else if (v instanceof AnyValue.DoubleValue d) {
            w.fixed64(Double.doubleToRawLongBits(d.value()));
            w.tag(4, ProtoReader.FIXED64);
        } else if (v instanceof AnyValue.ArrayValue a) {
            int end = w.size();
            List<AnyValue> values = a.values();
            for (int i = values.size() - 1; i >= 0; i--) {
                int eEnd = w.size();
                anyValue(values.get(i));
                w.closeMessage(1, eEnd);
            }
            w.closeMessage(5, end);
        } else if (v instanceof AnyValue.KeyValueList m) {
            int end = w.size();
            attributes(1, m.values());
            w.closeMessage(6, end);
        } else if (v instanceof AnyValue.BytesValue x) {
            int end = w.size();
            w.bytes(x.value());
            w.closeMessage(7, end);
        }
        // Empty: an AnyValue with no field set.
    }
}
