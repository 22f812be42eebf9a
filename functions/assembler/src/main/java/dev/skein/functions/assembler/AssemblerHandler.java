package dev.skein.functions.assembler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.skein.assembly.AssemblyResult;
import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.aws.AwsStorage;
import dev.skein.aws.lambda.LogLine;
import dev.skein.aws.lambda.SnapStartPriming;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lambda entry point for the span stream's event source mapping. It only translates: Kinesis
 * records → {@link BatchRecord}s, the assembler's undecodable records → {@code
 * batchItemFailures} (the mapping retries from the first of them, then sends it to the
 * on-failure destination). A storage failure is thrown, so the mapping retries the batch; every
 * write is idempotent, so the retry is harmless.
 *
 * <p>Logs one line per batch: records, spans, traces, failures (the first few sequence numbers
 * and reasons, never record contents) and the time taken.
 */
public final class AssemblerHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    /** Failed records named in a batch's log line: enough to find them, never a flood. */
    static final int MAX_LISTED_FAILURES = 5;

    private final TraceAssembler assembler;
    private final PrintStream log;
    /** Held because the checkpoint context may hold it weakly; Lambda's constructor only. */
    @SuppressWarnings("unused")
    private SnapStartPriming priming;

    /** The Lambda runtime's constructor: configuration from the environment, and SnapStart priming. */
    public AssemblerHandler() {
        this(PipelineSettings.fromEnvironment(System.getenv()), System.getenv());
    }

    private AssemblerHandler(PipelineSettings settings, Map<String, String> env) {
        this(settings, AwsStorage.fromEnvironment(env, settings));
    }

    private AssemblerHandler(PipelineSettings settings, AwsStorage storage) {
        this(assembler(storage, settings), System.out);
        this.priming = AssemblerPriming.of(storage.priming(), settings, Clock.systemUTC(), System.out).register();
    }

    /** For hosts that wire their own storage: skein-local, tests. */
    public AssemblerHandler(TraceAssembler assembler, PrintStream log) {
        this.assembler = assembler;
        this.log = log;
    }

    private static TraceAssembler assembler(AwsStorage storage, PipelineSettings settings) {
        return new TraceAssembler(storage.archive(), storage.index(), storage.timers(), settings, Clock.systemUTC());
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        long started = System.nanoTime();
        List<KinesisEvent.KinesisEventRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<BatchRecord> batch = new ArrayList<>(records.size());
        for (KinesisEvent.KinesisEventRecord r : records) {
            KinesisEvent.Record k = r.getKinesis();
            batch.add(new BatchRecord(k.getSequenceNumber(), k.getApproximateArrivalTimestamp().getTime(),
                    bytes(k.getData())));
        }
        AssemblyResult result = assembler.assemble(batch);
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (AssemblyResult.RecordFailure f : result.failures()) {
            failures.add(new StreamsEventResponse.BatchItemFailure(f.recordId()));
        }
        logBatch(batch.size(), result, System.nanoTime() - started);
        return new StreamsEventResponse(failures);
    }

    private void logBatch(int records, AssemblyResult result, long nanos) {
        List<Map<String, String>> listed = result.failures().stream()
                .limit(MAX_LISTED_FAILURES)
                .map(f -> Map.of("sequenceNumber", f.recordId(), "reason", f.reason()))
                .toList();
        LogLine.of("assemble")
                .field("records", records)
                .field("spans", result.spans())
                .field("traces", result.traces())
                .field("failed", result.failures().size())
                .field("millis", TimeUnit.NANOSECONDS.toMillis(nanos))
                .field("problem", listed.isEmpty() ? null : "undecodable records reported as batch item failures")
                .list("failures", listed)
                .printTo(log);
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer d = data.duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return b;
    }
}
