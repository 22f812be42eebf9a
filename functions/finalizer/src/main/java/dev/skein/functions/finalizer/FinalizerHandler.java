package dev.skein.functions.finalizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.AwsStorage;
import dev.skein.codec.Json;
import dev.skein.finalize.FinalizeResult;
import dev.skein.finalize.TraceFinalizer;
import dev.skein.query.TraceReader;
import dev.skein.storage.TimerMessage;
import dev.skein.storage.TimerMessages;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lambda entry point for the finalize-timer queue. It only translates: SQS messages → {@link
 * TimerMessage}s, the finalizer's failed messages (and bodies that are not timers) → {@code
 * batchItemFailures}, which the queue redelivers and, after its receive limit, moves to its
 * dead-letter queue.
 */
public final class FinalizerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final TraceFinalizer finalizer;
    private final PrintStream log;

    /** The Lambda runtime's constructor: configuration from the environment. */
    public FinalizerHandler() {
        this(System.getenv());
    }

    FinalizerHandler(Map<String, String> env) {
        this(PipelineSettings.fromEnvironment(env), env);
    }

    private FinalizerHandler(PipelineSettings settings, Map<String, String> env) {
        this(finalizer(AwsStorage.fromEnvironment(env, settings), settings), System.out);
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
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        List<TimerMessage> timers = new ArrayList<>(messages.size());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : messages) {
            try {
                timers.add(new TimerMessage(m.getMessageId(), TimerMessages.decode(m.getBody())));
            } catch (IllegalArgumentException e) {
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                logProblem(m.getMessageId(), e.getMessage());
            }
        }
        FinalizeResult result = finalizer.finalizeTraces(timers);
        for (String id : result.failedMessageIds()) failures.add(new SQSBatchResponse.BatchItemFailure(id));
        for (String problem : result.problems()) logProblem(null, problem);
        return new SQSBatchResponse(failures);
    }

    private void logProblem(String messageId, String problem) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("event", "finalize");
            if (messageId != null) g.writeStringField("messageId", messageId);
            g.writeStringField("problem", problem);
            g.writeEndObject();
        } catch (IOException e) {
            w.write("{\"event\":\"finalize\",\"problem\":\"log line failed\"}");
        }
        log.println(w);
    }
}
