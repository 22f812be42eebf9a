package dev.skein.cdk;

import static dev.skein.cdk.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sns.Topic;

/** The alarms, where they go, and the dashboard. */
class AlarmsTest {
    private final Synthesis.Synthesized s = Synthesis.defaults();

    @Test
    void alarms_coverIteratorAgeFailureQueuesFunctionErrorsThrottlesAnd5xxRate() {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> alarm : s.json().resources("AWS::CloudWatch::Alarm").values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) alarm.get("Properties");
            names.add(p.containsKey("MetricName") ? p.get("MetricName") + " " + dimension(p) : "math " + expression(p));
            assertThat(p).containsEntry("TreatMissingData", "notBreaching")
                    .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold");
        }
        Set<String> expected = new TreeSet<>();
        for (FunctionKind kind : FunctionKind.values()) {
            String function = s.logicalId(s.skein().function(kind).function);
            expected.add("Errors " + function);
            expected.add("Throttles " + function);
        }
        expected.add("IteratorAge " + s.logicalId(s.skein().function(FunctionKind.ASSEMBLER).function));
        expected.add("ApproximateNumberOfMessagesVisible " + s.logicalId(s.skein().timers().deadLetters));
        expected.add("ApproximateNumberOfMessagesVisible " + s.logicalId(s.skein().stream().failures));
        expected.add("math IF(requests >= 20, 100 * errors / requests, 0)");
        assertThat(names).isEqualTo(expected);
    }

    @Test
    void iteratorAge_alarmsAfterTenMinutesBehind_forTwoPeriods() {
        s.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "IteratorAge",
                "Namespace", "AWS/Lambda",
                "Statistic", "Maximum",
                "Threshold", 600_000,
                "Period", 300,
                "EvaluationPeriods", 2));
    }

    @Test
    void failureQueues_alarmOnTheFirstMessage() {
        s.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Namespace", "AWS/SQS",
                "Threshold", 1,
                "EvaluationPeriods", 1));
    }

    @Test
    void serverErrorRate_dividesTheApis5xxByItsRequests() {
        String api = s.logicalId(s.skein().getHttpApi());
        s.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Threshold", 5,
                "Metrics", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Id", "errors", "MetricStat", Match.objectLike(Map.of("Metric", Map.of(
                                "Namespace", "AWS/ApiGateway", "MetricName", "5xx",
                                "Dimensions", List.of(Map.of("Name", "ApiId", "Value", ref(api)))))))),
                        Match.objectLike(Map.of("Id", "requests", "MetricStat", Match.objectLike(Map.of("Metric", Map.of(
                                "Namespace", "AWS/ApiGateway", "MetricName", "Count",
                                "Dimensions", List.of(Map.of("Name", "ApiId", "Value", ref(api))))))))))));
    }

    @Test
    void withoutATopic_alarmsHaveNoActions() {
        s.template().resourceCountIs("AWS::SNS::Topic", 0);
        assertThat(s.json().resources("AWS::CloudWatch::Alarm").values())
                .allSatisfy(a -> assertThat(((Map<?, ?>) a.get("Properties")).containsKey("AlarmActions")).isFalse());
    }

    @Test
    void anAlarmEmail_getsATlsOnlyTopic_thatEveryAlarmNotifies() {
        Synthesis.Synthesized c = Synthesis.customized();
        String topic = c.json().resources("AWS::SNS::Topic").keySet().iterator().next();
        c.template().hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "oncall@example.com", "TopicArn", ref(topic)));
        c.template().hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of(
                "Version", "2012-10-17",
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        // A team's own authorizer: four functions' errors and throttles, and four other alarms.
        assertThat(c.json().resources("AWS::CloudWatch::Alarm").values()).hasSize(12).allSatisfy(a ->
                assertThat(((Map<?, ?>) a.get("Properties")).get("AlarmActions")).isEqualTo(List.of(ref(topic))));
    }

    @Test
    void anExistingTopic_receivesTheAlarms_andNoTopicIsCreated() {
        App app = Synthesis.app();
        Stack stack = new Stack(app, "Team", StackProps.builder().build());
        String arn = "arn:aws:sns:eu-west-1:123456789012:team-alarms";
        Skein skein = new Skein(stack, "Tracing", SkeinProps.builder()
                .alarmTopic(Topic.fromTopicArn(stack, "TeamAlarms", arn)).build());
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::SNS::Topic", 0);
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("AlarmActions", List.of(arn))));
        // Errors and throttles of five functions, iterator age, two failure queues, the 5xx rate.
        assertThat(skein.getAlarms()).hasSize(14);
    }

    @Test
    void dashboard_followsASpanThroughEveryStage_andShowsTheAlarms() {
        String body = TemplateJson.render(s.json().properties(s.logicalId(s.skein().getDashboard())).get("DashboardBody"));
        for (String metric : List.of("\"Count\"", "\"5xx\"", "\"IncomingRecords\"", "\"IteratorAge\"", "\"Invocations\"",
                "\"Duration\"", "\"ApproximateNumberOfMessagesVisible\"", "\"ApproximateAgeOfOldestMessage\"",
                "\"ConsumedWriteCapacityUnits\"", "\"ConsumedReadCapacityUnits\"")) {
            assertThat(body).as(metric).contains(metric);
        }
        for (FunctionKind kind : FunctionKind.values()) {
            assertThat(body).contains(s.logicalId(s.skein().function(kind).function));
        }
        assertThat(body).contains("\"type\":\"alarm\"");
        for (Map.Entry<String, Map<String, Object>> alarm : s.json().resources("AWS::CloudWatch::Alarm").entrySet()) {
            assertThat(body).contains(alarm.getKey());
        }
    }

    @SuppressWarnings("unchecked")
    private static Object expression(Map<String, Object> alarm) {
        return ((Map<String, Object>) ((List<Object>) alarm.get("Metrics")).get(0)).get("Expression");
    }

    @SuppressWarnings("unchecked")
    private static String dimension(Map<String, Object> alarm) {
        Map<String, Object> d = (Map<String, Object>) ((List<Object>) alarm.get("Dimensions")).get(0);
        return TemplateJson.render(d.get("Value"));
    }
}
