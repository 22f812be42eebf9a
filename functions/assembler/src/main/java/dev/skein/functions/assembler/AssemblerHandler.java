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
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lambda entry point for the span stream's event source mapping. It only translates: Kinesis
 * records → {@link BatchRecord}s, the assembler's undecodable records → {@code
 * batchItemFailures} (the mapping retries from the first of them, then sends it to the
 * on-failure destination). A storage failure is thrown, so the mapping retries the batch; every
 * write is idempotent, so the retry is harmless.
 */
public final class AssemblerHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    private final TraceAssembler assembler;
    private final FailureLog log;

    /** The Lambda runtime's constructor: configuration from the environment. */
    public AssemblerHandler() {
        this(System.getenv());
    }

    AssemblerHandler(Map<String, String> env) {
        this(PipelineSettings.fromEnvironment(env), env);
    }

    private AssemblerHandler(PipelineSettings settings, Map<String, String> env) {
        this(assembler(AwsStorage.fromEnvironment(env, settings), settings), System.out);
    }

    /** For hosts that wire their own storage: skein-local, tests. */
    public AssemblerHandler(TraceAssembler assembler, PrintStream log) {
        this.assembler = assembler;
        this.log = new FailureLog(log);
    }

    private static TraceAssembler assembler(AwsStorage storage, PipelineSettings settings) {
        return new TraceAssembler(storage.archive(), storage.index(), storage.timers(), settings, Clock.systemUTC());
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
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
        if (!failures.isEmpty()) log.undecodable(batch.size(), result.failures());
        return new StreamsEventResponse(failures);
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer d = data.duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return b;
    }
}
