package dev.skein.benchmarks.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Skein's five functions as CDK deploys them: the module's Lambda jar, the handler Lambda
 * constructs, the event type the runtime reads (or {@link ColdStartLauncher#STREAM_EVENT} for a
 * stream handler, which reads the bytes itself), and what a handled typical event answers.
 */
enum LambdaFunction {
    INGEST("ingest", "dev.skein.functions.ingest.IngestHandler", "APIGatewayV2HTTPEvent",
            r -> r.startsWith("APIGatewayV2HTTPResponse(statusCode=200")),
    ASSEMBLER("assembler", "dev.skein.functions.assembler.AssemblerHandler", "KinesisEvent",
            r -> r.equals("StreamsEventResponse(batchItemFailures=[])")),
    FINALIZER("finalizer", "dev.skein.functions.finalizer.FinalizerHandler", "SQSEvent",
            r -> r.equals("SQSBatchResponse(batchItemFailures=[])")),
    QUERY("query", "dev.skein.functions.query.QueryHandler", "APIGatewayV2HTTPEvent",
            r -> r.startsWith("APIGatewayV2HTTPResponse(statusCode=200")),
    /** Refusing the key would time the wrong path: the typical request is let through. */
    AUTHORIZER("authorizer", "dev.skein.functions.authorizer.AuthorizerHandler", ColdStartLauncher.STREAM_EVENT,
            r -> r.startsWith("{\"isAuthorized\":true,"));

    private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";

    final String module;
    final String handlerClass;
    final String eventClass;
    /**
     * True for the handler's answer (its toString, or what a stream handler wrote) to a typical
     * event it handled in full.
     */
    final Predicate<String> handled;

    LambdaFunction(String module, String handlerClass, String eventSimpleName, Predicate<String> handled) {
        this.module = module;
        this.handlerClass = handlerClass;
        this.eventClass = isStream(eventSimpleName) ? eventSimpleName : EVENTS_PACKAGE + eventSimpleName;
        this.handled = handled;
    }

    /** The handler each run is paired with: of the same kind as the function's, doing nothing. */
    String emptyHandlerClass() {
        return (isStream(eventClass) ? EmptyStreamHandler.class : EmptyHandler.class).getName();
    }

    private static boolean isStream(String eventType) {
        return eventType.equals(ColdStartLauncher.STREAM_EVENT);
    }

    /**
     * The jar CDK deploys, {@code functions/<module>/target/skein-<module>-<version>-lambda.jar}.
     *
     * @throws IllegalStateException when there is none, or several versions, naming the build to run
     */
    Path jar(Path repository) {
        Path target = repository.resolve("functions").resolve(module).resolve("target");
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("skein-" + module + "-") && name.endsWith("-lambda.jar");
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("expected one Lambda jar of the " + module + " function in " + target
                    + ", found " + jars + "; build it with: mvn -pl benchmarks -am package -DskipTests");
        }
        return jars.get(0);
    }
}
