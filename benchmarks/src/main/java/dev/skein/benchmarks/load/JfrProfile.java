package dev.skein.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went, from the execution samples of a flight recording (threads running Java
 * code, about every 10 to 20 ms each): the hottest top frames, and the samples by component,
 * a sample belonging to the first frame from the top that is not the JDK's.
 *
 * @param samples samples within the window
 * @param topFrames top frame ({@code Class.method}) to samples, most first
 * @param components component to samples, most first
 */
record JfrProfile(int samples, Map<String, Integer> topFrames, Map<String, Integer> components) {

    /** Package prefixes and the component they belong to, the first that matches wins. */
    private static final List<Map.Entry<String, String>> COMPONENTS = List.of(
            Map.entry("dev.skein.", "Skein (dev.skein)"),
            Map.entry("com.amazonaws.services.dynamodbv2.local.", "DynamoDB Local"),
            Map.entry("com.almworks.sqlite4java.", "SQLite (DynamoDB Local)"),
            Map.entry("org.sqlite.", "SQLite (DynamoDB Local)"),
            Map.entry("com.amazonaws.", "AWS SDK v1 (DynamoDB Local)"),
            Map.entry("org.gaul.s3proxy.", "S3Proxy"),
            Map.entry("org.jclouds.", "S3Proxy (jclouds)"),
            Map.entry("org.elasticmq.", "ElasticMQ"),
            Map.entry("org.apache.pekko.", "Pekko (ElasticMQ)"),
            Map.entry("scala.", "Scala library (ElasticMQ)"),
            Map.entry("org.eclipse.jetty.", "Jetty (DynamoDB Local, S3Proxy)"),
            Map.entry("software.amazon.awssdk.", "AWS SDK v2 (Skein's clients)"),
            Map.entry("org.apache.hc.", "Apache HTTP client (SDK v2)"),
            Map.entry("org.apache.http.", "Apache HTTP client"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("io.netty.", "Netty"));

    static final String JDK_ONLY = "JDK only (e.g. its HTTP server, Skein's front door)";

    /** The samples of {@code recording} taken between {@code from} and {@code to}. */
    static JfrProfile read(Path recording, Instant from, Instant to) throws IOException {
        Map<String, Integer> top = new LinkedHashMap<>();
        Map<String, Integer> components = new LinkedHashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) continue;
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) continue;
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                RecordedFrame first = frames.get(0);
                top.merge(first.getMethod().getType().getName() + "." + first.getMethod().getName(), 1, Integer::sum);
                components.merge(component(frames.stream().map(f -> f.getMethod().getType().getName()).toList()),
                        1, Integer::sum);
            }
        }
        return new JfrProfile(samples, sorted(top), sorted(components));
    }

    /** The component of a stack given as class names from the top: its first non-JDK frame's. */
    static String component(List<String> classesFromTop) {
        for (String c : classesFromTop) {
            if (isJdk(c)) continue;
            for (Map.Entry<String, String> e : COMPONENTS) {
                if (c.startsWith(e.getKey())) return e.getValue();
            }
            int lastDot = c.lastIndexOf('.');
            return "other (" + (lastDot < 0 ? c : c.substring(0, lastDot)) + ")";
        }
        return JDK_ONLY;
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
