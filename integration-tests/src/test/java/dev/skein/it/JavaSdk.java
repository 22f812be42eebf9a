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
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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

    /**
     * The OTLP/HTTP exporter to {@code url}, sending {@code key} as a bearer token, behind the span
     * processor a service chooses (batched, or one request per span). The SDK's processors drop an
     * export's result, so that a flush succeeds even when the receiver refused its spans; this
     * one's flush and shutdown fail when an export since the last of them was refused.
     */
    static SpanProcessor otlp(String url, String key, boolean gzip, Function<SpanExporter, SpanProcessor> processor) {
        AtomicInteger refused = new AtomicInteger();
        SpanExporter otlp = OtlpHttpSpanExporter.builder()
                .setEndpoint(url)
                .addHeader("Authorization", "Bearer " + key)
                .setCompression(gzip ? "gzip" : "none")
                .build();
        return new RefusalsReported(processor.apply(new RefusalsCounted(otlp, refused)), refused);
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

    /** Counts the exports whose receiver did not answer success. */
    private record RefusalsCounted(SpanExporter delegate, AtomicInteger refused) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            CompletableResultCode result = delegate.export(spans);
            result.whenComplete(() -> {
                if (!result.isSuccess()) {
                    refused.incrementAndGet();
                }
            });
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    /** Fails a flush or shutdown when exports were refused since the last one. */
    private record RefusalsReported(SpanProcessor delegate, AtomicInteger refused) implements SpanProcessor {
        @Override
        public void onStart(Context parent, ReadWriteSpan span) {
            delegate.onStart(parent, span);
        }

        @Override
        public boolean isStartRequired() {
            return delegate.isStartRequired();
        }

        @Override
        public void onEnd(ReadableSpan span) {
            delegate.onEnd(span);
        }

        @Override
        public boolean isEndRequired() {
            return delegate.isEndRequired();
        }

        @Override
        public CompletableResultCode forceFlush() {
            return failedIfRefused(delegate.forceFlush());
        }

        @Override
        public CompletableResultCode shutdown() {
            return failedIfRefused(delegate.shutdown());
        }

        private CompletableResultCode failedIfRefused(CompletableResultCode done) {
            CompletableResultCode result = new CompletableResultCode();
            done.whenComplete(() -> {
                if (done.isSuccess() && refused.getAndSet(0) == 0) {
                    result.succeed();
                } else {
                    result.fail();
                }
            });
            return result;
        }
    }
}
