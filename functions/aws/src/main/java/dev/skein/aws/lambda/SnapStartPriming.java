package dev.skein.aws.lambda;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Warms a function before SnapStart takes its snapshot, so a restored function starts with its
 * classes loaded, its hot paths compiled and its SDK clients connected. Lambda calls {@link
 * #beforeCheckpoint} once, when it publishes a version.
 *
 * <p>Every step must leave no trace: in-memory work on a sample, and SDK calls that read a key
 * that cannot exist or send a write the service refuses (the adapters' {@code sendRefusedWrite}).
 * What carries over is code: loaded classes, compiled paths, resolved endpoints. Connections
 * opened here may be dead after a restore; the SDK opens new ones. A failing step is logged as
 * one line and the rest still run: priming is an optimisation and must never fail the snapshot.
 */
public final class SnapStartPriming implements Resource {
    /** One warm-up: a name for the log line and the work. */
    public record Step(String name, Runnable work) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(work, "work");
        }
    }

    private final String function;
    private final List<Step> steps;
    private final PrintStream log;

    public SnapStartPriming(String function, List<Step> steps, PrintStream log) {
        this.function = function;
        this.steps = List.copyOf(steps);
        this.log = log;
    }

    /**
     * Registers this with the runtime's checkpoint context. The caller must keep a reference:
     * the context may hold its resources weakly.
     */
    public SnapStartPriming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    /**
     * Runs every step, logs one line per failed step and one line for the whole.
     *
     * @return the names of the steps that failed; never throws
     */
    public List<String> prime() {
        long started = System.nanoTime();
        List<String> failed = new ArrayList<>();
        for (Step step : steps) {
            try {
                step.work().run();
            } catch (Exception | LinkageError e) {
                failed.add(step.name());
                LogLine.of("prime-step-failed").field("function", function).field("step", step.name())
                        .field("problem", e.getClass().getSimpleName() + ": " + e.getMessage())
                        .printTo(log);
            }
        }
        LogLine.of("prime").field("function", function).field("steps", steps.size()).field("failed", failed.size())
                .field("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .printTo(log);
        return failed;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    /** Nothing to undo: the steps keep no state. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }
}
