package dev.skein.functions.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.lambda.PrimingSample;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.codec.GzipMemberWriter;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * SnapStart priming for ingest: the sample trace through a second handler, built as the real one
 * but with a sink that discards, in every format clients send (OTLP protobuf plain and gzipped,
 * OTLP JSON, Zipkin JSON); then a PutRecords without records, which Kinesis refuses, for the
 * client, and a read of the priming tenant's quota bucket. Nothing reaches the stream or the table.
 */
final class IngestPriming {
    private IngestPriming() {
    }

    /** @param quotaRead a read of the quota table, when the buckets are kept there */
    static SnapStartPriming of(IngestConfig config, KinesisRecordSink sink, Optional<SnapStartPriming.Step> quotaRead,
            Clock clock, PrintStream log) {
        List<SnapStartPriming.Step> steps = new ArrayList<>(List.of(
                new SnapStartPriming.Step("ingest the sample in every format, records discarded",
                        () -> ingestSample(config, clock)),
                new SnapStartPriming.Step("kinesis: put no records", sink::sendRefusedWrite)));
        quotaRead.ifPresent(steps::add);
        return new SnapStartPriming("ingest", steps, log);
    }

    private static void ingestSample(IngestConfig config, Clock clock) {
        IngestHandler handler = new IngestHandler(config, records -> { }, clock);
        PrimingSample sample = new PrimingSample(clock.millis() - 1_000);
        byte[] proto = sample.otlpProto();
        send(handler, IngestEndpoint.OTLP_PATH, Map.of("content-type", IngestEndpoint.PROTOBUF), proto);
        send(handler, IngestEndpoint.OTLP_PATH,
                Map.of("content-type", IngestEndpoint.PROTOBUF, "content-encoding", "gzip"), gzip(proto));
        send(handler, IngestEndpoint.OTLP_PATH, Map.of("content-type", IngestEndpoint.JSON), sample.otlpJson());
        send(handler, IngestEndpoint.ZIPKIN_PATH, Map.of("content-type", IngestEndpoint.JSON), sample.zipkinJson());
    }

    private static void send(IngestHandler handler, String path, Map<String, String> headers, byte[] body) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                PrimingSample.httpEvent("POST", path, "", headers, body), null);
        if (response.getStatusCode() / 100 != 2) {
            throw new IllegalStateException(path + " " + headers + " answered " + response.getStatusCode()
                    + ": " + response.getBody());
        }
    }

    private static byte[] gzip(byte[] bytes) {
        try (GzipMemberWriter gzip = new GzipMemberWriter(Deflater.DEFAULT_COMPRESSION)) {
            return gzip.member(bytes);
        }
    }
}
