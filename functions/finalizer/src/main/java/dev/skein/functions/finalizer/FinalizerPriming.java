package dev.skein.functions.finalizer;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.StoragePriming;
import dev.skein.aws.lambda.PrimingSample;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.query.TraceReader;
import dev.skein.storage.InMemoryStorage;
import dev.skein.storage.TimerMessages;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * SnapStart priming for the finalizer: the sample trace's timer, as an SQS event, through a
 * second handler built as the real one but on memory storage holding the assembled sample, then
 * dropped; then reads of a trace and an object that cannot exist (DynamoDB, S3) and a send SQS
 * refuses, for the clients. The commit's TransactWriteItems has no refused form that is sure to
 * write nothing, so it stays cold. Nothing is stored.
 */
final class FinalizerPriming {
    private FinalizerPriming() {
    }

    static SnapStartPriming of(StoragePriming storage, PipelineSettings settings, Clock clock, PrintStream log) {
        return new SnapStartPriming("finalizer", List.of(
                new SnapStartPriming.Step("finalize the sample in memory", () -> finalizeSample(settings, clock)),
                storage.absentTraceRead(),
                storage.absentObjectRead(),
                storage.refusedTimerWrite()), log);
    }

    private static void finalizeSample(PipelineSettings settings, Clock clock) {
        long now = clock.millis();
        InMemoryStorage memory = new PrimingSample(now - 60_000)
                .assembled(settings, clock, now - settings.idlePeriod().toMillis() - 1_000);
        TraceReader reader = new TraceReader(memory, memory, settings);
        FinalizerHandler handler = new FinalizerHandler(new TraceFinalizer(reader, memory, memory, settings, clock),
                new PrintStream(OutputStream.nullOutputStream()));
        SQSEvent.SQSMessage timer = new SQSEvent.SQSMessage();
        timer.setMessageId("priming");
        timer.setBody(TimerMessages.encode(PrimingSample.KEY));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(timer));
        SQSBatchResponse response = handler.handleRequest(event, null);
        if (!response.getBatchItemFailures().isEmpty() || memory.trace(PrimingSample.KEY).summary() == null) {
            throw new IllegalStateException("the sample did not finalize");
        }
    }
}
