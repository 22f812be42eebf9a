package dev.skein.functions.assembler;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.skein.assembly.BatchRecord;
import dev.skein.assembly.PipelineSettings;
import dev.skein.assembly.TraceAssembler;
import dev.skein.aws.StoragePriming;
import dev.skein.aws.lambda.PrimingSample;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.storage.InMemoryStorage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * SnapStart priming for the assembler: the sample's stream records, as a Kinesis event, through a
 * second handler built as the real one but on memory storage that is then dropped; then one
 * write to each of S3, DynamoDB and SQS that the service refuses, for the clients. The role may
 * only write, so there is no read to warm them with. Nothing is stored.
 */
final class AssemblerPriming {
    private AssemblerPriming() {
    }

    static SnapStartPriming of(StoragePriming storage, PipelineSettings settings, Clock clock, PrintStream log) {
        return new SnapStartPriming("assembler", List.of(
                new SnapStartPriming.Step("assemble the sample in memory", () -> assembleSample(settings, clock)),
                storage.refusedArchiveWrite(),
                storage.refusedIndexWrite(),
                storage.refusedTimerWrite()), log);
    }

    private static void assembleSample(PipelineSettings settings, Clock clock) {
        InMemoryStorage memory = new InMemoryStorage(clock);
        AssemblerHandler handler = new AssemblerHandler(new TraceAssembler(memory, memory, memory, settings, clock),
                new PrintStream(OutputStream.nullOutputStream()));
        long now = clock.millis();
        StreamsEventResponse response = handler.handleRequest(event(new PrimingSample(now - 1_000).streamRecords(now)),
                null);
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("the sample's records failed to assemble");
        }
    }

    /** The records as the event source mapping delivers them. */
    private static KinesisEvent event(List<BatchRecord> records) {
        List<KinesisEvent.KinesisEventRecord> events = new ArrayList<>();
        for (BatchRecord r : records) {
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setSequenceNumber(r.id());
            kinesis.setPartitionKey(PrimingSample.KEY.toString());
            kinesis.setApproximateArrivalTimestamp(new Date(r.arrivalEpochMillis()));
            kinesis.setData(ByteBuffer.wrap(r.data()));
            KinesisEvent.KinesisEventRecord event = new KinesisEvent.KinesisEventRecord();
            event.setKinesis(kinesis);
            events.add(event);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(events);
        return event;
    }
}
