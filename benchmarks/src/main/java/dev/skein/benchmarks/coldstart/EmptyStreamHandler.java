package dev.skein.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A stream handler that reads nothing and writes nothing: what a stream function's cold start
 * is compared to, as {@link EmptyHandler} is for the others.
 */
public final class EmptyStreamHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        // nothing: the JVM, the launcher and reading the event's file are what this run measures
    }
}
