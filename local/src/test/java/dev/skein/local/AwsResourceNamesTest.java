package dev.skein.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsResourceNamesTest {
    @Test
    void fromEnvironment_whenTheFunctionsVariablesAreSet_usesThem() {
        AwsResourceNames names = AwsResourceNames.fromEnvironment(Map.of(
                "SKEIN_STREAM_NAME", "prod-spans",
                "SKEIN_TABLE", "prod-index",
                "SKEIN_BUCKET", "prod-archive-123",
                "SKEIN_TIMER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/prod-timers"));

        assertThat(names).isEqualTo(new AwsResourceNames("prod-spans", "prod-index", "prod-archive-123",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/prod-timers"));
        assertThat(names.timerQueueIsUrl()).isTrue();
    }

    @Test
    void fromEnvironment_whenUnsetOrBlank_usesSkeinLocalsNames() {
        AwsResourceNames names = AwsResourceNames.fromEnvironment(Map.of("SKEIN_TABLE", " "));

        assertThat(names).isEqualTo(new AwsResourceNames("skein-spans", "skein-index", "skein-archive",
                "skein-timers"));
        assertThat(names.timerQueueIsUrl()).isFalse();
    }
}
