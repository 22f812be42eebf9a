package dev.skein.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * A handler that does nothing: run by {@link ColdStartLauncher} on the same event, it measures the
 * JVM, the launcher and the event's deserialization, which a function's cold start is compared to.
 */
public final class EmptyHandler implements RequestHandler<Object, Object> {
    @Override
    public Object handleRequest(Object event, Context context) {
        return null;
    }
}
