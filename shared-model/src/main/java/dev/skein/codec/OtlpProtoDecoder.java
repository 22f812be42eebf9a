package dev.skein.codec;

import static dev.skein.codec.ProtoReader.FIXED32;
import static dev.skein.codec.ProtoReader.FIXED64;
import static dev.skein.codec.ProtoReader.LEN;
import static dev.skein.codec.ProtoReader.VARINT;

import dev.skein.model.AnyValue;
import dev.skein.model.Attribute;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
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
 * Decodes an OTLP {@code ExportTraceServiceRequest} (protobuf) straight into canonical spans.
 *
 * <p>Hand-written rather than built on the generated classes for two reasons: a span with a bad
 * ID or invalid UTF-8 must be rejected alone (protobuf-java fails the whole message on invalid
 * UTF-8), and skipping the intermediate object graph roughly halves the allocation per span.
 * {@code OtlpProtoDecoderTest} proves it agrees with protobuf-java field for field.
 *
 * <p>Field numbers follow opentelemetry-proto {@code trace/v1/trace.proto},
 * {@code common/v1/common.proto} and {@code resource/v1/resource.proto}. Unknown fields are
 * skipped, as proto3 requires.
 */
public final class OtlpProtoDecoder implements SpanDecoder {
    /** Nesting of array and key-value-list values beyond this is refused as malformed. */
    static final int MAX_VALUE_DEPTH = 32;

    @Override
    public DecodedSpans decode(byte[] body, int maxSpans)
            throws DecodeException, TooManySpansException {
        return new Run(body, maxSpans).request();
    }

    /** The state of one decode: the reader, the result, the first UTF-8 problem seen. */
    private static final class Run {
        final ProtoReader r;
        final int bodyEnd;
        final DecodedSpans out;
        /** Where invalid UTF-8 was met in the message being read; null when none. */
        String utf8Problem;

        Run(byte[] body, int maxSpans) {
            this.r = new ProtoReader(body, 0);
            this.bodyEnd = body.length;
            this.out = new DecodedSpans(maxSpans);
        }

        DecodedSpans request() throws DecodeException, TooManySpansException {
            while (r.pos < bodyEnd) {
                int tag = r.readTag(bodyEnd, "ExportTraceServiceRequest");
                if (tag >>> 3 == 1) {
                    r.expectWireType(tag, LEN, "ExportTraceServiceRequest");
                    int end = r.readLengthEnd(bodyEnd, "ResourceSpans");
                    resourceSpans(end);
                    r.pos = end;
                } else {
                    r.skip(tag & 7, bodyEnd, "ExportTraceServiceRequest");
                }
            }
            return out;
        }

        void resourceSpans(int end) throws DecodeException, TooManySpansException {
            // The resource must be known before the spans are built, and proto3 allows any
            // field order: read resource and schema URL first, then the scopes.
            int start = r.pos;
            Resource resource = Resource.EMPTY;
            List<Attribute> attrs = List.of();
            int dropped = 0;
            String schemaUrl = "";
            boolean hasResource = false;
            utf8Problem = null;
            while (r.pos < end) {
                int tag = r.readTag(end, "ResourceSpans");
                switch (tag >>> 3) {
                    case 1 -> {
                        r.expectWireType(tag, LEN, "ResourceSpans");
                        int rEnd = r.readLengthEnd(end, "Resource");
                        hasResource = true;
                        while (r.pos < rEnd) {
                            int rt = r.readTag(rEnd, "Resource");
                            switch (rt >>> 3) {
                                case 1 -> attrs = appendKeyValue(attrs, rt, rEnd, "Resource.attributes");
                                case 2 -> dropped = (int) varint(rt, rEnd, "Resource.dropped_attributes_count");
                                default -> r.skip(rt & 7, rEnd, "Resource");
                            }
                        }
                    }
                    case 3 -> schemaUrl = string(tag, end, "ResourceSpans.schema_url");
                    default -> r.skip(tag & 7, end, "ResourceSpans");
                }
            }
            if (hasResource || !schemaUrl.isEmpty()) {
                resource = new Resource(attrs, dropped, schemaUrl);
            }
            String resourceProblem = utf8Problem == null ? null : "resource: " + utf8Problem;

            r.pos = start;
            while (r.pos < end) {
                int tag = r.readTag(end, "ResourceSpans");
                if (tag >>> 3 == 2) {
                    r.expectWireType(tag, LEN, "ResourceSpans");
                    int sEnd = r.readLengthEnd(end, "ScopeSpans");
                    scopeSpans(sEnd, resource, resourceProblem);
                    r.pos = sEnd;
                } else {
                    r.skip(tag & 7, end, "ResourceSpans");
                }
            }
        }

        void scopeSpans(int end, Resource resource, String inherited)
                throws DecodeException, TooManySpansException {
            int start = r.pos;
            String name = "";
            String version = "";
            List<Attribute> attrs = List.of();
            int dropped = 0;
            String schemaUrl = "";
            boolean hasScope = false;
            utf8Problem = null;
            while (r.pos < end) {
                int tag = r.readTag(end, "ScopeSpans");
                switch (tag >>> 3) {
                    case 1 -> {
                        r.expectWireType(tag, LEN, "ScopeSpans");
                        int sEnd = r.readLengthEnd(end, "InstrumentationScope");
                        hasScope = true;
                        while (r.pos < sEnd) {
                            int st = r.readTag(sEnd, "InstrumentationScope");
                            switch (st >>> 3) {
                                case 1 -> name = string(st, sEnd, "InstrumentationScope.name");
                                case 2 -> version = string(st, sEnd, "InstrumentationScope.version");
                                case 3 -> attrs = appendKeyValue(attrs, st, sEnd, "InstrumentationScope.attributes");
                                case 4 -> dropped = (int) varint(st, sEnd, "InstrumentationScope.dropped_attributes_count");
                                default -> r.skip(st & 7, sEnd, "InstrumentationScope");
                            }
                        }
                    }
                    case 3 -> schemaUrl = string(tag, end, "ScopeSpans.schema_url");
                    default -> r.skip(tag & 7, end, "ScopeSpans");
                }
            }
            InstrumentationScope scope = hasScope || !schemaUrl.isEmpty()
                    ? new InstrumentationScope(name, version, attrs, dropped, schemaUrl)
                    : InstrumentationScope.EMPTY;
            String scopeProblem = inherited != null ? inherited
                    : utf8Problem == null ? null : "scope: " + utf8Problem;

            r.pos = start;
            while (r.pos < end) {
                int tag = r.readTag(end, "ScopeSpans");
                if (tag >>> 3 == 2) {
                    r.expectWireType(tag, LEN, "ScopeSpans");
                    int spanEnd = r.readLengthEnd(end, "Span");
                    int index = out.countSpan();
                    if (scopeProblem != null) {
                        out.reject(index, scopeProblem);
                    } else {
                        span(spanEnd, resource, scope, index);
                    }
                    r.pos = spanEnd;
                } else {
                    r.skip(tag & 7, end, "ScopeSpans");
                }
            }
        }

        void span(int end, Resource resource, InstrumentationScope scope, int index)
                throws DecodeException {
            Span.Builder b = Span.builder();
            b.resource = resource;
            b.scope = scope;
            String idProblem = null;
            utf8Problem = null;
            int traceIdLen = -1;
            int spanIdLen = -1;
            List<Attribute> attrs = List.of();
            List<SpanEvent> events = List.of();
            List<SpanLink> links = List.of();
            while (r.pos < end) {
                int tag = r.readTag(end, "Span");
                switch (tag >>> 3) {
                    case 1 -> {
                        r.expectWireType(tag, LEN, "Span");
                        int idEnd = r.readLengthEnd(end, "Span.trace_id");
                        traceIdLen = idEnd - r.pos;
                        if (traceIdLen == 16) {
                            b.traceId = TraceId.fromBytes(r.buf, r.pos, 16);
                        }
                        r.pos = idEnd;
                    }
                    case 2 -> {
                        r.expectWireType(tag, LEN, "Span");
                        int idEnd = r.readLengthEnd(end, "Span.span_id");
                        spanIdLen = idEnd - r.pos;
                        if (spanIdLen == 8) {
                            b.spanId = dev.skein.model.Hex.readLong(r.buf, r.pos);
                        }
                        r.pos = idEnd;
                    }
                    case 3 -> b.traceState = string(tag, end, "Span.trace_state");
                    case 4 -> {
                        r.expectWireType(tag, LEN, "Span");
                        int idEnd = r.readLengthEnd(end, "Span.parent_span_id");
                        int len = idEnd - r.pos;
                        if (len == 8) {
                            b.parentSpanId = dev.skein.model.Hex.readLong(r.buf, r.pos);
                        } else if (len != 0) {
                            idProblem = "parent span ID must be empty or 8 bytes, got " + len;
                        } else {
                            b.parentSpanId = 0;
                        }
                        r.pos = idEnd;
                    }
                    case 5 -> b.name = string(tag, end, "Span.name");
                    case 6 -> b.kind = SpanKind.fromNumber((int) varint(tag, end, "Span.kind"));
                    case 7 -> b.startEpochNanos = fixed64(tag, end, "Span.start_time_unix_nano");
                    case 8 -> b.endEpochNanos = fixed64(tag, end, "Span.end_time_unix_nano");
                    case 9 -> attrs = appendKeyValue(attrs, tag, end, "Span.attributes");
                    case 10 -> b.droppedAttributesCount = (int) varint(tag, end, "Span.dropped_attributes_count");
                    case 11 -> {
                        r.expectWireType(tag, LEN, "Span");
                        int eEnd = r.readLengthEnd(end, "Span.Event");
                        events = append(events, event(eEnd));
                        r.pos = eEnd;
                    }
                    case 12 -> b.droppedEventsCount = (int) varint(tag, end, "Span.dropped_events_count");
                    case 13 -> {
                        r.expectWireType(tag, LEN, "Span");
                        int lEnd = r.readLengthEnd(end, "Span.Link");
                        SpanLink link = link(lEnd);
                        if (link == null) {
                            idProblem = "link trace ID must be 16 bytes and link span ID 8 bytes";
                        } else {
                            links = append(links, link);
                        }
                        r.pos = lEnd;
                    }
                    case 14 -> b.droppedLinksCount = (int) varint(tag, end, "Span.dropped_links_count");
                    case 15 -> {
                        r.expectWireType(tag, LEN, "Span");
                        int sEnd = r.readLengthEnd(end, "Span.Status");
                        b.status = status(sEnd);
                        r.pos = sEnd;
                    }
                    case 16 -> b.flags = fixed32(tag, end, "Span.flags");
                    default -> r.skip(tag & 7, end, "Span");
                }
            }
            if (traceIdLen != 16) {
                out.reject(index, traceIdLen < 0 ? "trace ID is missing"
                        : "trace ID must be 16 bytes, got " + traceIdLen);
            } else if (spanIdLen != 8) {
                out.reject(index, spanIdLen < 0 ? "span ID is missing"
                        : "span ID must be 8 bytes, got " + spanIdLen);
            } else if (idProblem != null) {
                out.reject(index, idProblem);
            } else if (utf8Problem != null) {
                out.reject(index, utf8Problem);
            } else {
                b.attributes = attrs;
                b.events = events;
                b.links = links;
                out.add(b.build());
            }
        }

        SpanEvent event(int end) throws DecodeException {
            long time = 0;
            String name = "";
            List<Attribute> attrs = List.of();
            int dropped = 0;
            while (r.pos < end) {
                int tag = r.readTag(end, "Span.Event");
                switch (tag >>> 3) {
                    case 1 -> time = fixed64(tag, end, "Span.Event.time_unix_nano");
                    case 2 -> name = string(tag, end, "Span.Event.name");
                    case 3 -> attrs = appendKeyValue(attrs, tag, end, "Span.Event.attributes");
                    case 4 -> dropped = (int) varint(tag, end, "Span.Event.dropped_attributes_count");
                    default -> r.skip(tag & 7, end, "Span.Event");
                }
            }
            return new SpanEvent(time, name, attrs, dropped);
        }

        /** The link, or null when its IDs have the wrong length. */
        SpanLink link(int end) throws DecodeException {
            TraceId traceId = null;
            long spanId = 0;
            boolean spanIdOk = false;
            String traceState = "";
            List<Attribute> attrs = List.of();
            int dropped = 0;
            int flags = 0;
            while (r.pos < end) {
                int tag = r.readTag(end, "Span.Link");
                switch (tag >>> 3) {
                    case 1 -> {
                        r.expectWireType(tag, LEN, "Span.Link");
                        int idEnd = r.readLengthEnd(end, "Span.Link.trace_id");
                        traceId = idEnd - r.pos == 16 ? TraceId.fromBytes(r.buf, r.pos, 16) : null;
                        r.pos = idEnd;
                    }
                    case 2 -> {
                        r.expectWireType(tag, LEN, "Span.Link");
                        int idEnd = r.readLengthEnd(end, "Span.Link.span_id");
                        spanIdOk = idEnd - r.pos == 8;
                        spanId = spanIdOk ? dev.skein.model.Hex.readLong(r.buf, r.pos) : 0;
                        r.pos = idEnd;
                    }
                    case 3 -> traceState = string(tag, end, "Span.Link.trace_state");
                    case 4 -> attrs = appendKeyValue(attrs, tag, end, "Span.Link.attributes");
                    case 5 -> dropped = (int) varint(tag, end, "Span.Link.dropped_attributes_count");
                    case 6 -> flags = fixed32(tag, end, "Span.Link.flags");
                    default -> r.skip(tag & 7, end, "Span.Link");
                }
            }
            if (traceId == null || !spanIdOk) {
                return null;
            }
            return new SpanLink(traceId, spanId, traceState, flags, attrs, dropped);
        }

        SpanStatus status(int end) throws DecodeException {
            String message = "";
            int code = 0;
            while (r.pos < end) {
                int tag = r.readTag(end, "Span.Status");
                switch (tag >>> 3) {
                    case 2 -> message = string(tag, end, "Span.Status.message");
                    case 3 -> code = (int) varint(tag, end, "Span.Status.code");
                    default -> r.skip(tag & 7, end, "Span.Status");
                }
            }
            return SpanStatus.of(StatusCode.fromNumber(code), message);
        }

        /** Reads one {@code KeyValue} field and appends it to {@code list}. */
        List<Attribute> appendKeyValue(List<Attribute> list, int tag, int end, String where)
                throws DecodeException {
            r.expectWireType(tag, LEN, where);
            int kvEnd = r.readLengthEnd(end, where);
            Attribute kv = keyValue(kvEnd, where, 0);
            r.pos = kvEnd;
            return append(list, kv);
        }

        Attribute keyValue(int end, String where, int depth) throws DecodeException {
            String key = "";
            AnyValue value = AnyValue.Empty.INSTANCE;
            while (r.pos < end) {
                int tag = r.readTag(end, where);
                switch (tag >>> 3) {
                    case 1 -> key = string(tag, end, where, " key");
                    case 2 -> {
                        r.expectWireType(tag, LEN, where);
                        int vEnd = r.readLengthEnd(end, where);
                        value = anyValue(vEnd, where, depth);
                        r.pos = vEnd;
                    }
                    default -> r.skip(tag & 7, end, where);
                }
            }
            return new Attribute(key, value);
        }

        AnyValue anyValue(int end, String where, int depth) throws DecodeException {
            if (depth > MAX_VALUE_DEPTH) {
                throw new DecodeException(where + " nests values deeper than " + MAX_VALUE_DEPTH
                        + " levels (at byte " + r.pos + ")");
            }
            AnyValue value = AnyValue.Empty.INSTANCE;
            while (r.pos < end) {
                int tag = r.readTag(end, where);
                switch (tag >>> 3) {
                    case 1 -> value = AnyValue.of(string(tag, end, where, " value"));
                    case 2 -> value = AnyValue.of(varint(tag, end, where) != 0);
                    case 3 -> value = AnyValue.of(varint(tag, end, where));
                    case 4 -> value = AnyValue.of(Double.longBitsToDouble(fixed64(tag, end, where)));
                    case 5 -> {
                        r.expectWireType(tag, LEN, where);
                        int aEnd = r.readLengthEnd(end, where + " array");
                        List<AnyValue> values = new ArrayList<>();
                        while (r.pos < aEnd) {
                            int at = r.readTag(aEnd, where + " array");
                            if (at >>> 3 == 1) {
                                r.expectWireType(at, LEN, where);
                                int eEnd = r.readLengthEnd(aEnd, where + " array value");
                                values.add(anyValue(eEnd, where, depth + 1));
                                r.pos = eEnd;
                            } else {
                                r.skip(at & 7, aEnd, where);
                            }
                        }
                        value = new AnyValue.ArrayValue(values);
                    }
                    case 6 -> {
                        r.expectWireType(tag, LEN, where);
                        int lEnd = r.readLengthEnd(end, where + " kvlist");
                        List<Attribute> values = new ArrayList<>();
                        while (r.pos < lEnd) {
                            int lt = r.readTag(lEnd, where + " kvlist");
                            if (lt >>> 3 == 1) {
                                r.expectWireType(lt, LEN, where);
                                int kvEnd = r.readLengthEnd(lEnd, where + " kvlist value");
                                values.add(keyValue(kvEnd, where, depth + 1));
                                r.pos = kvEnd;
                            } else {
                                r.skip(lt & 7, lEnd, where);
                            }
                        }
                        value = new AnyValue.KeyValueList(values);
                    }
                    case 7 -> {
                        r.expectWireType(tag, LEN, where);
                        int bEnd = r.readLengthEnd(end, where + " bytes");
                        byte[] bytes = java.util.Arrays.copyOfRange(r.buf, r.pos, bEnd);
                        r.pos = bEnd;
                        value = new AnyValue.BytesValue(bytes);
                    }
                    default -> r.skip(tag & 7, end, where);
                }
            }
            return value;
        }

        String string(int tag, int end, String where) throws DecodeException {
            return string(tag, end, where, "");
        }

        /**
         * A string field. {@code part} refines {@code where} in the message, joined only when
         * there is a problem: building the label for every attribute would cost an allocation each.
         */
        String string(int tag, int end, String where, String part) throws DecodeException {
            r.expectWireType(tag, LEN, where);
            int sEnd = r.readLengthEnd(end, where);
            String s = Utf8.decodeOrNull(r.buf, r.pos, sEnd - r.pos);
            if (s == null) {
                if (utf8Problem == null) {
                    utf8Problem = "invalid UTF-8 in " + where + part;
                }
                s = "";
            }
            r.pos = sEnd;
            return s;
        }

        long varint(int tag, int end, String where) throws DecodeException {
            r.expectWireType(tag, VARINT, where);
            return r.readVarint(end, where);
        }

        long fixed64(int tag, int end, String where) throws DecodeException {
            r.expectWireType(tag, FIXED64, where);
            return r.readFixed64(end, where);
        }

        int fixed32(int tag, int end, String where) throws DecodeException {
            r.expectWireType(tag, FIXED32, where);
            return r.readFixed32(end, where);
        }
    }

    /** Appends to a list that starts as the shared empty list, so spans without events cost nothing. */
    static <T> List<T> append(List<T> list, T item) {
        if (list.isEmpty() && !(list instanceof ArrayList)) {
            list = new ArrayList<>();
        }
        list.add(item);
        return list;
    }
}
