package dev.skein.benchmarks.coldstart;

import java.util.Optional;

/**
 * One cold start as the launcher reported it, with the time the parent saw it take.
 *
 * @param constructNanos the handler's no-arg constructor, class loading included (Lambda's init)
 * @param invokeNanos the first {@code handleRequest}
 * @param totalNanos from starting the JVM process until its result line was read
 * @param response the handler's answer, as its {@code toString}
 */
record LaunchResult(long constructNanos, long invokeNanos, long totalNanos, String response) {

    /**
     * The launcher's result line ({@code skein-cold-start<TAB>construct<TAB>invoke<TAB>response}),
     * or empty for any other line (what the function itself logged).
     *
     * @throws IllegalArgumentException for a result line whose figures are not whole numbers
     */
    static Optional<LaunchResult> parse(String line, long totalNanos) {
        String[] fields = line.split("\t", 4);
        if (fields.length != 4 || !fields[0].equals(ColdStartLauncher.RESULT_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LaunchResult(Long.parseLong(fields[1]), Long.parseLong(fields[2]), totalNanos,
                    fields[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a launcher line with figures that are not nanoseconds: " + line, e);
        }
    }
}
