package dev.skein.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;

/** The OpenTelemetry Java SDK set up as a user's service sets it up, exporting OTLP/HTTP protobuf. */
final class JavaSdk {
    private JavaSdk() {}

    /**
     * A service's tracer provider: its resource (the SDK's default, {@code service.name} and
     * {@code deployment.environment}), {@code export} sending its spans, and {@code copy} keeping
     * what was exported for the test to compare with.
     */
    static SdkTracerProvider provider(String service, InMemorySpanExporter copy, SpanProcessor export) {
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), service,
                        AttributeKey.stringKey("deployment.environment"), "it"))))
                .addSpanProcessor(SimpleSpanProcessor.create(copy))
                .addSpanProcessor(export)
                .build();
    }

    static SpanExporter otlpExporter(String url, boolean gzip) {
        return OtlpHttpSpanExporter.builder()
                .setEndpoint(url)
                .setCompression(gzip ? "gzip" : "none")
                .build();
    }

    /** The caller's context as it arrives in a traceparent header. */
    static Context remoteParent(String traceId, String spanId) {
        return Context.root().with(io.opentelemetry.api.trace.Span.wrap(SpanContext.createFromRemoteParent(
                traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault())));
    }

    /** Exports what the provider holds and waits for the receiver's answer, which must be a success. */
    static void flush(SdkTracerProvider provider) {
        CompletableResultCode flushed = provider.forceFlush().join(30, TimeUnit.SECONDS);
        assertThat(flushed.isSuccess()).as("the OTLP exporter got a success answer").isTrue();
    }
}
