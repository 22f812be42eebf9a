package dev.skein.benchmarks.coldstart;

import dev.skein.benchmarks.Goal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** The report's section on cold starts, and its goal lines. */
final class ColdStartSection {
    static final String HEADING = "## Cold start of each function";
    static final String INGEST_GOAL = "ingest cold start";
    static final String AUTHORIZER_GOAL = "authorizer cold start";
    static final double GOAL_MILLIS = 300;

    private ColdStartSection() {}

    static String markdown(List<FunctionColdStart> functions) {
        int runs = functions.get(0).runs().size();
        StringBuilder md = new StringBuilder();
        md.append(HEADING).append("\n\n");
        md.append("""
                What Lambda's cold start costs in Skein's code. Each run starts a fresh JVM on the \
                function's deployable jar (`functions/<name>/target/skein-<name>-*-lambda.jar`, the \
                artifact CDK deploys) and a small launcher that plays the Lambda runtime: it reads one \
                typical event with the runtime's own deserializer (`aws-lambda-java-serialization`; \
                a stream handler such as the authorizer gets the event's bytes instead), \
                constructs the handler with its no-arg constructor (*construct*: Lambda's init) and \
                invokes it once (*first invoke*). *Total* runs from starting the JVM process until the \
                handler has answered. Just before each run, a fresh JVM with the same flags, launcher \
                and event runs an empty handler of the same kind; *cold start* is each run's total minus that run's, \
                so it leaves out the JVM's own start, the launcher and the event's deserialization, \
                and counts the function's class loading, set-up and first work. Classes loaded are \
                counted in a separate run of each (`-Xlog:class+load`), so the logging does not \
                touch the times.

                """);
        md.append(String.format(Locale.ROOT, """
                Measured %s on %d CPUs, %s %s, flags `%s`, %s per function. The functions ran with \
                the environment Lambda and the stack give them (credentials in the environment, \
                `SKEIN_*`), with `SKEIN_AWS_ENDPOINT` pointing at a router that forwards each call by \
                its SigV4 scope to the emulators (Kinesis, DynamoDB Local, S3Proxy, ElasticMQ) in \
                the parent JVM. Events: ingest, an HTTP API v2 `POST /v1/traces` (the ingest \
                fixture, with a gzip'd OTLP protobuf body of %d spans); assembler, a Kinesis batch \
                of the stream records ingest writes for those spans; finalizer, an SQS batch of %d \
                finalize timers for traces stored %d s before; query, an HTTP API v2 `GET \
                /api/traces/{id}` (the query fixture) of a stored trace; authorizer, an HTTP API \
                authorizer event (payload 2.0) for `POST /v1/traces` presenting, as a bearer token, \
                an ingest key made in the table before the runs, which it must let through. Ingest \
                and query also spend the tenant's quota in the table, a consistent GetItem and a \
                conditional PutItem each, with `SKEIN_QUOTAS` set as a deployment with quotas sets \
                it. Every run works on new traces, except the query, which reads the same one, and \
                the authorizer, which looks up the same key (each run is a new JVM, so its cache is \
                empty).

                """, LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                String.join(" ", ChildJvm.FLAGS), runs == 1 ? "1 run" : runs + " runs (median, min–max)",
                SpanTraffic.SPANS, ColdStartReport.FINALIZER_BATCH, ColdStartReport.IDLE_MILLIS / 1000));
        for (FunctionColdStart f : functions) {
            md.append(String.format(Locale.ROOT, "### %s (`%s`, %s, %.1f MB)%n%n", f.function().module,
                    f.function().handlerClass, f.jar().getFileName(), size(f) / 1e6));
            md.append("| figure | median | min–max |\n|---|---:|---:|\n");
            row(md, "construct (init), ms", f.construct());
            row(md, "first invoke, ms", f.invoke());
            row(md, "total, JVM start to answer, ms", f.total());
            row(md, "empty handler's total, ms", f.emptyTotal());
            row(md, "**cold start: total − empty handler's, ms**", f.coldStart());
            md.append(String.format(Locale.ROOT, "| classes loaded: function / empty handler | %d / %d | |%n%n",
                    f.classes(), f.emptyClasses()));
        }
        md.append("Goals:\n\n");
        for (Goal g : goalsOf(functions)) {
            md.append("- ").append(g.name()).append(" ").append(g.target()).append(": ").append(g.measured())
                    .append(" — met: ").append(g.met().tsv()).append('\n');
        }
        md.append('\n');
        md.append("""
                **With SnapStart**, which the stack turns on for every function's published \
                version, Lambda runs the init (the constructor) when it publishes the version, \
                snapshots the JVM, and restores that snapshot on a cold start instead. The \
                *construct* column is then paid once per deploy, not per cold start; what remains is \
                the restore (AWS's side, not measured here) plus *first invoke*, which still loads \
                and compiles whatever the constructor did not touch (the first request's codecs, \
                the SDK's request path) unless a `beforeCheckpoint` hook primes it. Without \
                SnapStart (`$LATEST`, or a runtime without it), the *cold start* column is the \
                figure.

                What bounds these figures: they are this machine's, not Lambda's. A 1024 MB function \
                gets about 0.6 of a vCPU (the stack's default is arm64), and Lambda runs Java 21; \
                class loading is CPU-bound, so expect Lambda's times to be higher. The emulators are \
                on loopback over plain HTTP, so the first invoke has no DNS, no TLS handshake and no \
                network round trip, which on AWS add to the first call of each client. But the first \
                invoke does include the emulators' answers, and those are slower than the services' \
                (DynamoDB Local above all): the assembler and the finalizer make dozens of calls per \
                batch, so much of their first invoke is waiting, not Skein's code. The runs share two \
                cores with whatever else runs; the spread shows how much that moved them.
                """);
        return md.toString();
    }

    /** One line per goal: name, target, measured, met. */
    static String goals(List<FunctionColdStart> functions) {
        StringBuilder lines = new StringBuilder();
        for (Goal g : goalsOf(functions)) lines.append(g.tsvLine()).append('\n');
        return lines.toString();
    }

    private static List<Goal> goalsOf(List<FunctionColdStart> functions) {
        return List.of(goal(functions, LambdaFunction.INGEST, INGEST_GOAL),
                goal(functions, LambdaFunction.AUTHORIZER, AUTHORIZER_GOAL));
    }

    private static Goal goal(List<FunctionColdStart> functions, LambdaFunction function, String name) {
        String target = String.format(Locale.ROOT, "≤ %.0f ms", GOAL_MILLIS);
        return functions.stream().filter(f -> f.function() == function).findFirst().map(f -> {
            Spread cold = f.coldStart();
            String measured = String.format(Locale.ROOT, "%s ms (median of %d, %s)", cold.median(), f.runs().size(),
                    cold.range());
            return new Goal(name, target, measured, Goal.Met.of(cold.medianMillis() <= GOAL_MILLIS));
        }).orElse(new Goal(name, target, "not measured in this run", Goal.Met.NOT_MEASURED));
    }

    private static void row(StringBuilder md, String label, Spread s) {
        md.append("| ").append(label).append(" | ").append(s.median()).append(" | ").append(s.range()).append(" |\n");
    }

    private static long size(FunctionColdStart f) {
        try {
            return Files.size(f.jar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
