package dev.skein.local.demo;

/** How a simulated service's exporter sends its spans to the front door. */
enum ExportProtocol {
    /** OTLP/HTTP, {@code application/x-protobuf}: the OpenTelemetry SDKs' default. */
    OTLP_PROTOBUF,
    /** The same, with {@code Content-Encoding: gzip}, as an exporter configured to compress. */
    OTLP_PROTOBUF_GZIP,
    /** Zipkin v2 JSON to the Zipkin port, as a service still on a Zipkin exporter. */
    ZIPKIN_JSON
}
