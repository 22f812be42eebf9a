package dev.skein.it;

import java.util.List;
import zipkin2.reporter.AsyncReporter;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/** The Zipkin reporter as a Zipkin-instrumented service runs it: Zipkin v2 JSON over HTTP. */
final class ZipkinReporter {
    private ZipkinReporter() {}

    /** Reports the spans through a reporter of their own, as a separate process would, and flushes it. */
    static void report(String zipkinSpansUrl, List<zipkin2.Span> spans) {
        try (URLConnectionSender sender = URLConnectionSender.create(zipkinSpansUrl);
                AsyncReporter<zipkin2.Span> reporter = AsyncReporter.create((BytesMessageSender) sender)) {
            spans.forEach(reporter::report);
            reporter.flush();
        }
    }
}
