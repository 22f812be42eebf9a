package dev.skein.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Lambda runtime's part in a cold-start JVM: reads one event, builds the handler with its
 * no-arg constructor and invokes it once, timing the construction and the invocation apart.
 * Prints one line, {@link #RESULT_PREFIX}, construct nanoseconds, invoke nanoseconds and the
 * handler's answer, tab-separated, then exits.
 *
 * <p>A {@link RequestHandler} gets the event as the runtime's own deserializer reads it into
 * EVENT_CLASS; a {@link RequestStreamHandler} (EVENT_CLASS {@value #STREAM_EVENT}) gets the
 * event's bytes, as the runtime hands them over, and its answer is what it wrote.
 *
 * <p>It runs on a classpath of itself, the runtime's serializer and one function jar, nothing
 * else, so it references nothing but those (and no nested class of its own): the classes the
 * JVM loads are the function's. Each kind of handler has a method of its own, so a run loads
 * only its own kind's interface. {@code java … ColdStartLauncher HANDLER_CLASS EVENT_CLASS EVENT_FILE}
 */
public final class ColdStartLauncher {
    /** Starts the one line the parent reads. */
    public static final String RESULT_PREFIX = "skein-cold-start";
    /** The EVENT_CLASS of a stream handler: no class, the event's bytes. */
    public static final String STREAM_EVENT = "stream";

    private ColdStartLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args[1].equals(STREAM_EVENT)) {
            runStreamHandler(args[0], Path.of(args[2]));
        } else {
            runHandler(args[0], args[1], Path.of(args[2]));
        }
        System.out.flush();
        // Whatever threads the function left (an SDK's idle connections), the run is over.
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static void runHandler(String handlerClass, String eventClass, Path eventFile) throws Exception {
        ClassLoader loader = ColdStartLauncher.class.getClassLoader();
        Class<Object> eventType = (Class<Object>) Class.forName(eventClass, true, loader);
        Object event;
        try (InputStream in = Files.newInputStream(eventFile)) {
            event = LambdaEventSerializers.serializerFor(eventType, loader).fromJson(in);
        }

        long start = System.nanoTime();
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(handlerClass, true,
                loader).getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        // Skein's handlers never read the Context (they log to stdout), so none is built.
        Object response = handler.handleRequest(event, null);
        long invoked = System.nanoTime();
        report(start, constructed, invoked, String.valueOf(response));
    }

    private static void runStreamHandler(String handlerClass, Path eventFile) throws Exception {
        byte[] event = Files.readAllBytes(eventFile);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        long start = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass, true,
                ColdStartLauncher.class.getClassLoader()).getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(event), answer, null);
        long invoked = System.nanoTime();
        report(start, constructed, invoked, answer.toString(StandardCharsets.UTF_8));
    }

    private static void report(long start, long constructed, long invoked, String response) {
        System.out.println(RESULT_PREFIX + "\t" + (constructed - start) + "\t" + (invoked - constructed) + "\t"
                + response.replace('\n', ' '));
    }
}
