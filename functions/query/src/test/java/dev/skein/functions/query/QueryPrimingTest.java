package dev.skein.functions.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.assembly.PipelineSettings;
import dev.skein.aws.AwsStorage;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.query.QueryLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query function's priming with AWS unreachable: the in-memory work succeeds, every client call fails softly. */
class QueryPrimingTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @Test
    void prime_whenAwsRefusesConnections_answersTheSampleAndFailsOnlyTheClientSteps() throws IOException {
        String refusing = "http://127.0.0.1:" + closedPort();
        AwsStorage storage = AwsStorage.fromEnvironment(Map.of("SKEIN_AWS_ENDPOINT", refusing, "SKEIN_BUCKET", "b",
                "SKEIN_TABLE", "t"), PipelineSettings.DEFAULTS);
        SnapStartPriming priming = QueryPriming.of(storage.priming(),
                storage.quotaLedger(Clock.systemUTC()).bucketRead("query"), PipelineSettings.DEFAULTS, QueryLimits.DEFAULTS,
                new Cors(List.of("*")), Clock.systemUTC(), new PrintStream(logged, true, StandardCharsets.UTF_8));

        List<String> failed = priming.prime();

        String log = logged.toString(StandardCharsets.UTF_8);
        assertThat(failed).as(log).containsExactly("dynamodb: query a trace that cannot exist",
                "s3: get an object that cannot exist", "dynamodb: read a quota bucket of the priming tenant");
        assertThat(log).contains("\"function\":\"query\",\"steps\":4,\"failed\":3");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
