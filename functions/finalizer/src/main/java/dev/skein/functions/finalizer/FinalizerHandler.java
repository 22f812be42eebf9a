package dev.skein.functions.finalizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.AwsStorage;
import dev.skein.aws.lambda.LogLine;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.finalize.FinalizeResult;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.query.TraceReader;
import dev.skein.storage.TimerMessage;
import dev.skein.storage.TimerMessages;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lambda entry point for the finalize-timer queue. It only translates: SQS messages → {@link
 * TimerMessage}s, the finalizer's failed messages (and bodies that are not timers) → {@code
 * batchItemFailures}, which the queue redelivers and, after its receive limit, moves to its
 * dead-letter queue.
 *
 * <p>Logs one line per batch: timers, traces finalized, unchanged and rescheduled, failures with
 * the first few problems, and the time taken.
 */
public final class FinalizerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final TraceFinalizer finalizer;
    private final PrintStream log;
    /** Held because the checkpoint context may hold it weakly; Lambda's constructor only. */
    @SuppressWarnings("unused")
    private SnapStartPriming priming;

    /** The Lambda runtime's constructor: configuration from the environment, and SnapStart priming. */
    public FinalizerHandler() {
        this(PipelineSettings.fromEnvironment(System.getenv()), System.getenv());
    }

    private FinalizerHandler(PipelineSettings settings, Map<String, String> env) {
        this(settings, AwsStorage.fromEnvironment(env, settings));
    }

    private FinalizerHandler(PipelineSettings settings, AwsStorage storage) {
        this(finalizer(storage, settings), System.out);
        this.priming = FinalizerPriming.of(storage.priming(), settings, Clock.systemUTC(), System.out).register();
    }

    /** For hosts that wire their own storage: skein-local, tests. */
    public FinalizerHandler(TraceFinalizer finalizer, PrintStream log) {
        this.finalizer = finalizer;
        this.log = log;
    }

    private static TraceFinalizer finalizer(AwsStorage storage, PipelineSettings settings) {
        TraceReader reader = new TraceReader(storage.archive(), storage.index(), settings);
        return new TraceFinalizer(reader, storage.index(), storage.timers(), settings, Clock.systemUTC());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long started = System.nanoTime();
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        List<TimerMessage> timers = new ArrayList<>(messages.size());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (SQSEvent.SQSMessage m : messages) {
            try {
                timers.add(new TimerMessage(m.getMessageId(), TimerMessages.decode(m.getBody())));
            } catch (IllegalArgumentException e) {
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                problems.add("message " + m.getMessageId() + ": " + e.getMessage());
            }
        }
        FinalizeResult result = finalizer.finalizeTraces(timers);
        for (String id : result.failedMessageIds()) failures.add(new SQSBatchResponse.BatchItemFailure(id));
        problems.addAll(result.problems());
        LogLine.of("finalize")
                .field("timers", messages.size())
                .field("finalized", result.finalized())
                .field("unchanged", result.unchanged())
                .field("rescheduled", result.rescheduled())
                .field("failed", failures.size())
                .field("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .list("problems", problems.subList(0, Math.min(problems.size(), FinalizeResult.MAX_PROBLEMS)))
                .printTo(log);
        return new SQSBatchResponse(failures);
    }
}
