package dev.skein.search;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.skein.codec.DecodeException;
import dev.skein.codec.Json;
import dev.skein.model.TraceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The search page (version 2): JSON Lines, one {@link SearchRow} per line. Layout in {@code
 * docs/formats.md}. Version-1 rows, written before event names and error messages were kept,
 * are still read: their entries say so ({@link SearchRow.ServiceEntry#eventsRecorded()}).
 */
public final class SearchPageCodec {
    public static final int VERSION = 2;
    private static final int VERSION_WITHOUT_EVENTS = 1;

    private SearchPageCodec() {}

    public static byte[] write(List<SearchRow> rows) {
        ByteArrayBuilder out = new ByteArrayBuilder(rows.size() * 512);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (SearchRow r : rows) {
                write(g, r);
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, SearchRow r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("v", VERSION);
        g.writeStringField("traceId", r.traceId().toHex());
        g.writeNumberField("start", r.startNanos());
        g.writeNumberField("end", r.endNanos());
        g.writeNumberField("spans", r.spanCount());
        g.writeNumberField("errors", r.errorCount());
        if (r.rootService() != null) {
            g.writeStringField("rootService", r.rootService());
            g.writeStringField("rootOperation", r.rootOperation());
        }
        g.writeArrayFieldStart("services");
        for (SearchRow.ServiceEntry e : r.services()) {
            g.writeStartObject();
            g.writeStringField("name", e.name());
            g.writeNumberField("errors", e.errorCount());
            g.writeArrayFieldStart("ops");
            for (SearchRow.Operation op : e.operations()) {
                g.writeStartObject();
                g.writeStringField("name", op.name());
                g.writeNumberField("min", op.minDurationNanos());
                g.writeNumberField("max", op.maxDurationNanos());
                g.writeNumberField("errors", op.errorCount());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("tags");
            // Sorted, so a redelivered batch writes the same bytes.
            for (Map.Entry<String, List<String>> t : new TreeMap<>(e.tags()).entrySet()) {
                writeStrings(g, t.getKey(), t.getValue());
            }
            g.writeEndObject();
            if (!e.events().isEmpty()) writeStrings(g, "events", e.events());
            if (!e.errorMessages().isEmpty()) writeStrings(g, "errorMessages", e.errorMessages());
            if (e.tagsTruncated()) g.writeBooleanField("truncated", true);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    public static List<SearchRow> read(byte[] page) throws DecodeException {
        List<SearchRow> rows = new ArrayList<>();
        try (JsonParser p = Json.FACTORY.createParser(page)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                expect(p, t, JsonToken.START_OBJECT);
                rows.add(readRow(p));
            }
        } catch (IOException e) {
            throw new DecodeException("search page is not valid JSON: " + e.getMessage());
        }
        return rows;
    }

    private static SearchRow readRow(JsonParser p) throws IOException, DecodeException {
        TraceId traceId = null;
        long start = 0, end = 0;
        int spans = 0, errors = 0;
        int version = 0;
        String rootService = null, rootOperation = null;
        List<SearchRow.ServiceEntry> services = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "v" -> {
                    version = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                    if (version != VERSION && version != VERSION_WITHOUT_EVENTS) {
                        throw new DecodeException("search row version " + p.getText() + " is not "
                                + VERSION_WITHOUT_EVENTS + " or " + VERSION);
                    }
                }
                case "traceId" -> traceId = TraceId.fromHex(p.getText());
                case "start" -> start = p.getLongValue();
                case "end" -> end = p.getLongValue();
                case "spans" -> spans = p.getIntValue();
                case "errors" -> errors = p.getIntValue();
                case "rootService" -> rootService = p.getText();
                case "rootOperation" -> rootOperation = p.getText();
                case "services" -> {
                    expect(p, t, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_OBJECT) services.add(readService(p));
                }
                default -> p.skipChildren();
            }
        }
        if (traceId == null) throw new DecodeException("search row without traceId");
        if (version == 0) throw new DecodeException("search row " + traceId.toHex() + " without version");
        if (version == VERSION_WITHOUT_EVENTS) services.replaceAll(SearchRow.ServiceEntry::withoutEvents);
        return new SearchRow(traceId, start, end, spans, errors, rootService, rootOperation, services);
    }

    private static SearchRow.ServiceEntry readService(JsonParser p) throws IOException, DecodeException {
        String name = null;
        int errors = 0;
        boolean truncated = false;
        List<SearchRow.Operation> ops = new ArrayList<>();
        Map<String, List<String>> tags = new LinkedHashMap<>();
        List<String> events = List.of();
        List<String> errorMessages = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "name" -> name = p.getText();
                case "errors" -> errors = p.getIntValue();
                case "truncated" -> truncated = p.getBooleanValue();
                case "ops" -> {
                    expect(p, t, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        String opName = null;
                        long min = 0, max = 0;
                        int opErrors = 0;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String of = p.currentName();
                            p.nextToken();
                            switch (of) {
                                case "name" -> opName = p.getText();
                                case "min" -> min = p.getLongValue();
                                case "max" -> max = p.getLongValue();
                                case "errors" -> opErrors = p.getIntValue();
                                default -> p.skipChildren();
                            }
                        }
                        if (opName == null) throw new DecodeException("search row operation without name");
                        ops.add(new SearchRow.Operation(opName, min, max, opErrors));
                    }
                }
                case "tags" -> {
                    expect(p, t, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        tags.put(key, readStrings(p, p.nextToken()));
                    }
                }
                case "events" -> events = readStrings(p, t);
                case "errorMessages" -> errorMessages = readStrings(p, t);
                default -> p.skipChildren();
            }
        }
        if (name == null) throw new DecodeException("search row service without name");
        return new SearchRow.ServiceEntry(name, errors, ops, tags, events, errorMessages, truncated, true);
    }

    private static List<String> readStrings(JsonParser p, JsonToken start) throws IOException, DecodeException {
        expect(p, start, JsonToken.START_ARRAY);
        List<String> values = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(p, t, JsonToken.VALUE_STRING);
            values.add(p.getText());
        }
        return values;
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws DecodeException {
        if (actual != expected) {
            throw new DecodeException("search page: expected " + expected + " but found " + actual
                    + " at line " + p.currentLocation().getLineNr());
        }
    }
}
