package dev.skein.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** What every {@link ShardConsumer} of one {@link KinesisEventSource} shares. */
record ShardContext(KinesisClient kinesis, KinesisEventSourceSettings settings,
        String streamArn, String functionArn, KinesisEvents events,
        Function<KinesisEvent, StreamsEventResponse> handler, Consumer<FailedBatch> onFailure,
        Counters counters, IdleTracker idle, Clock clock, BooleanSupplier closed) {
}
