package dev.skein.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Lambda runtime's part in a cold-start JVM: reads one event with the runtime's own
 * deserializer, builds the handler with its no-arg constructor and invokes it once, timing the
 * construction and the invocation apart. Prints one line, {@link #RESULT_PREFIX}, construct
 * nanoseconds, invoke nanoseconds and the handler's answer, tab-separated, then exits.
 *
 * <p>It runs on a classpath of itself, the runtime's serializer and one function jar, nothing
 * else, so it references nothing but those (and no nested class of its own): the classes the
 * JVM loads are the function's. {@code java … ColdStartLauncher HANDLER_CLASS EVENT_CLASS EVENT_FILE}
 */
public final class ColdStartLauncher {
    /** Starts the one line the parent reads. */
    public static final String RESULT_PREFIX = "skein-cold-start";

    private ColdStartLauncher() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        ClassLoader loader = ColdStartLauncher.class.getClassLoader();
        Class<Object> eventType = (Class<Object>) Class.forName(args[1], true, loader);
        Object event;
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            event = LambdaEventSerializers.serializerFor(eventType, loader).fromJson(in);
        }

        long start = System.nanoTime();
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(args[0], true, loader)
                .getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        // Skein's handlers never read the Context (they log to stdout), so none is built.
        Object response = handler.handleRequest(event, null);
        long invoked = System.nanoTime();

        System.out.println(RESULT_PREFIX + "\t" + (constructed - start) + "\t" + (invoked - constructed) + "\t"
                + String.valueOf(response).replace('\n', ' '));
        System.out.flush();
        // Whatever threads the function left (an SDK's idle connections), the run is over.
        System.exit(0);
    }
}
