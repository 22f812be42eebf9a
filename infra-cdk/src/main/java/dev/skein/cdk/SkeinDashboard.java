package dev.skein.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.constructs.Construct;

/**
 * One dashboard that follows a span through Skein: the API, the stream, the assembler, the
 * timer queue and the finalizer, the index table, and the alarms' states.
 */
final class SkeinDashboard extends Construct {
    private static final int WIDTH = 8;
    private static final Duration PERIOD = Duration.minutes(1);

    final Dashboard dashboard;

    SkeinDashboard(Construct scope, String id, SkeinHttpApi api, SpanStream stream, ArchiveStorage storage,
            List<SkeinFunction> functions, AssemblyFunctions assembly, List<? extends IAlarm> alarms) {
        super(scope, id);
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .defaultInterval(Duration.hours(3))
                .build();
        HttpApi http = api.api;
        dashboard.addWidgets(
                graph("API requests", http.metricCount(sum()), http.metricClientError(sum()), http.metricServerError(sum())),
                graph("API latency (p99)", http.metricLatency(p99()), http.metricIntegrationLatency(p99())),
                graph("Span stream", stream.stream.metricIncomingRecords(sum()),
                        stream.stream.metricPutRecordsThrottledRecords(sum())));
        dashboard.addWidgets(
                graph("Invocations", each(functions, f -> f.function.metricInvocations(labelled(sum(), f)))),
                graph("Errors and throttles", errorsAndThrottles(functions)),
                graph("Duration (p99)", each(functions, f -> f.function.metricDuration(labelled(p99(), f)))));
        dashboard.addWidgets(
                graph("Assembler iterator age (max)", assembly.assembler.function.metric("IteratorAge",
                        MetricOptions.builder().statistic("Maximum").period(PERIOD).build())),
                graph("Timer queue", assembly.timers.queue.metricApproximateNumberOfMessagesVisible(max()),
                        assembly.timers.queue.metricApproximateAgeOfOldestMessage(max())),
                graph("Failures waiting", assembly.timers.deadLetters.metricApproximateNumberOfMessagesVisible(max()),
                        stream.failures.metricApproximateNumberOfMessagesVisible(max())));
        dashboard.addWidgets(
                graph("Index capacity", storage.table.metricConsumedWriteCapacityUnits(sum()),
                        storage.table.metricConsumedReadCapacityUnits(sum())),
                graph("Index throttled requests", storage.table.metricThrottledRequestsForOperations(
                        OperationsMetricOptions.builder()
                                .operations(List.of(Operation.QUERY, Operation.BATCH_WRITE_ITEM, Operation.TRANSACT_WRITE_ITEMS))
                                .period(PERIOD)
                                .build())),
                AlarmStatusWidget.Builder.create().title("Alarms").alarms(List.copyOf(alarms)).width(WIDTH).build());
    }

    private static List<IMetric> errorsAndThrottles(List<SkeinFunction> functions) {
        List<IMetric> metrics = new ArrayList<>();
        for (SkeinFunction f : functions) {
            metrics.add(f.function.metricErrors(labelled(sum(), f, " errors")));
            metrics.add(f.function.metricThrottles(labelled(sum(), f, " throttles")));
        }
        return metrics;
    }

    private static List<IMetric> each(List<SkeinFunction> functions, Function<SkeinFunction, IMetric> metric) {
        return functions.stream().map(metric).toList();
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return graph(title, List.of(metrics));
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(WIDTH).build();
    }

    private static MetricOptions labelled(MetricOptions options, SkeinFunction f) {
        return labelled(options, f, "");
    }

    private static MetricOptions labelled(MetricOptions options, SkeinFunction f, String suffix) {
        return MetricOptions.builder().statistic(options.getStatistic()).period(options.getPeriod())
                .label(f.kind.module() + suffix).build();
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(PERIOD).build();
    }

    private static MetricOptions max() {
        return MetricOptions.builder().statistic("Maximum").period(PERIOD).build();
    }

    private static MetricOptions p99() {
        return MetricOptions.builder().statistic("p99").period(PERIOD).build();
    }
}
