package dev.skein.functions.ingest;

import dev.skein.aws.lambda.LogLine;
import dev.skein.ingest.IngestResult;
import java.io.PrintStream;
import java.util.List;

/**
 * Writes one JSON line per request that lost data or failed, with counts and the first reasons:
 * CloudWatch Logs Insights can query the fields, and a busy healthy function logs nothing.
 */
final class JsonLineLog implements IngestEndpoint.RequestLog {
    /** Where refused spans are counted in CloudWatch, per tenant and reason. */
    static final String METRICS_NAMESPACE = "Skein/ingest";

    private final PrintStream out;

    JsonLineLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void log(String tenant, String path, int status, IngestResult result, String problem) {
        LogLine line = LogLine.of("ingest").field("tenant", tenant).field("path", path).field("status", status);
        if (result != null) {
            line.field("accepted", result.acceptedSpans())
                    .field("rejected", result.rejectedSpans())
                    .field("droppedAttributes", result.droppedAttributes())
                    .field("droppedEvents", result.droppedEvents())
                    .field("droppedLinks", result.droppedLinks())
                    .field("truncatedValues", result.truncatedValues())
                    .field("message", result.message());
        }
        line.field("problem", problem).printTo(out);
    }

    @Override
    public void refused(String tenant, String path, int status, int spans, String reason) {
        LogLine.of("ingest").field("tenant", tenant).field("path", path).field("status", status)
                .field("refused", spans).field("refusedReason", reason)
                .countedAs(METRICS_NAMESPACE, System.currentTimeMillis(), List.of("tenant", "refusedReason"),
                        List.of("refused"))
                .printTo(out);
    }
}
