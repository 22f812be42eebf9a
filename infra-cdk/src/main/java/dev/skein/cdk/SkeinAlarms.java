package dev.skein.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The alarms that say Skein is losing or delaying traces, each sent to the alarm topic when one
 * is configured (an existing topic, or one created for an email address).
 *
 * <ul>
 *   <li>the assembler falling behind the span stream (iterator age);</li>
 *   <li>anything in the timer dead-letter queue or the stream's failure queue: a trace that was
 *       not finalized, or stream records the assembler gave up on;</li>
 *   <li>errors and throttles of each function;</li>
 *   <li>the API's share of 5xx answers.</li>
 * </ul>
 * A metric with no data (a quiet hour) is not a breach.
 */
final class SkeinAlarms extends Construct {
    static final Duration PERIOD = Duration.minutes(5);
    /** Spans become searchable this late or later: well past a batching window and an idle period. */
    static final Duration ITERATOR_AGE_THRESHOLD = Duration.minutes(10);
    /** Percent of answers that are 5xx, over at least {@link #MIN_REQUESTS_FOR_RATE} requests in a period. */
    static final int SERVER_ERROR_PERCENT = 5;
    static final int MIN_REQUESTS_FOR_RATE = 20;

    final List<Alarm> alarms = new ArrayList<>();
    final Optional<ITopic> topic;

    SkeinAlarms(Construct scope, String id, SkeinProps props, List<SkeinFunction> functions, SkeinFunction assembler,
            IQueue timerDeadLetters, IQueue streamFailures, HttpApi api) {
        super(scope, id);
        topic = props.alarmTopic().or(() -> props.alarmEmail().map(this::emailTopic));

        alarm("AssemblerIteratorAge", "The assembler is more than " + ITERATOR_AGE_THRESHOLD.toMinutes()
                        + " minutes behind the span stream: new traces are late",
                assembler.function.metric("IteratorAge", options("Maximum")),
                ITERATOR_AGE_THRESHOLD.toMilliseconds().doubleValue(), 2);
        alarm("TimerDeadLetters", "Finalize timers failed " + TimerQueue.MAX_RECEIVE_COUNT
                        + " times and were set aside: those traces have no summary",
                timerDeadLetters.metricApproximateNumberOfMessagesVisible(options("Maximum")), 1, 1);
        alarm("StreamFailures", "The assembler gave up on span stream batches: their spans are not stored "
                        + "(replayable from the stream for 24 hours)",
                streamFailures.metricApproximateNumberOfMessagesVisible(options("Maximum")), 1, 1);
        for (SkeinFunction f : functions) {
            String name = capitalized(f.kind.module());
            alarm(name + "Errors", "The " + f.kind.module() + " function failed invocations",
                    f.function.metricErrors(options("Sum")), 1, 1);
            alarm(name + "Throttles", "Lambda throttled the " + f.kind.module() + " function",
                    f.function.metricThrottles(options("Sum")), 1, 1);
        }
        // Ordered, so the template is the same on every synthesis (Map.of's order is not).
        Map<String, IMetric> rateInputs = new LinkedHashMap<>();
        rateInputs.put("errors", api.metricServerError(options("Sum")));
        rateInputs.put("requests", api.metricCount(options("Sum")));
        IMetric serverErrorRate = MathExpression.Builder.create()
                .label("5xx %")
                .expression("IF(requests >= " + MIN_REQUESTS_FOR_RATE + ", 100 * errors / requests, 0)")
                .usingMetrics(rateInputs)
                .period(PERIOD)
                .build();
        alarm("ApiServerErrorRate", "More than " + SERVER_ERROR_PERCENT + "% of API requests answered 5xx",
                serverErrorRate, SERVER_ERROR_PERCENT, 1);
    }

    private ITopic emailTopic(String email) {
        Topic created = Topic.Builder.create(this, "Topic")
                .displayName("Skein alarms")
                .enforceSsl(true)
                .build();
        created.addSubscription(new EmailSubscription(email));
        return created;
    }

    private void alarm(String id, String description, IMetric metric, double threshold, int evaluationPeriods) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(evaluationPeriods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        topic.ifPresent(t -> alarm.addAlarmAction(new SnsAction(t)));
        alarms.add(alarm);
    }

    private static MetricOptions options(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
