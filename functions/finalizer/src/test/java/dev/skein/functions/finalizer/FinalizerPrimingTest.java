package dev.skein.functions.finalizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.AwsStorage;
import dev.skein.aws.lambda.SnapStartPriming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The finalizer's priming with AWS unreachable: the in-memory work succeeds, every client call fails softly. */
class FinalizerPrimingTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @Test
    void prime_whenAwsRefusesConnections_finalizesTheSampleAndFailsOnlyTheClientSteps() throws IOException {
        String refusing = "http://127.0.0.1:" + closedPort();
        AwsStorage storage = AwsStorage.fromEnvironment(Map.of("SKEIN_AWS_ENDPOINT", refusing, "SKEIN_BUCKET", "b",
                "SKEIN_TABLE", "t", "SKEIN_TIMER_QUEUE_URL", refusing + "/000000000000/q"), PipelineSettings.DEFAULTS);
        SnapStartPriming priming = FinalizerPriming.of(storage.priming(), PipelineSettings.DEFAULTS,
                Clock.systemUTC(), new PrintStream(logged, true, StandardCharsets.UTF_8));

        List<String> failed = priming.prime();

        String log = logged.toString(StandardCharsets.UTF_8);
        assertThat(failed).as(log).containsExactly("dynamodb: query a trace that cannot exist",
                "s3: get an object that cannot exist",
                        "sqs: send an empty batch");
        assertThat(log).contains("\"function\":\"finalizer\",\"steps\":4,\"failed\":3");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
