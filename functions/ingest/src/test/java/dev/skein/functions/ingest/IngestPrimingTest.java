package dev.skein.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.aws.AwsClientSettings;
import dev.skein.aws.AwsClients;
import dev.skein.aws.dynamodb.DynamoQuotaLedger;
import dev.skein.aws.kinesis.KinesisRecordSink;
import dev.skein.aws.kinesis.KinesisSinkSettings;
import dev.skein.aws.lambda.SnapStartPriming;
import dev.skein.ingest.IngestLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ingest's priming with AWS unreachable: every format is ingested, the client calls fail softly. */
class IngestPrimingTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @Test
    void prime_whenAwsRefusesConnections_ingestsTheSampleAndFailsOnlyTheClientSteps() throws IOException {
        IngestConfig config = new IngestConfig("spans", Optional.empty(), IngestLimits.DEFAULTS, 6,
                Duration.ofSeconds(2));
        List<String> failed;
        try (AwsClients clients = new AwsClients(AwsClientSettings.fromEnvironment(
                Map.of(AwsClientSettings.ENDPOINT, "http://127.0.0.1:" + closedPort())))) {
            KinesisRecordSink sink = new KinesisRecordSink(clients.kinesis(), "spans", KinesisSinkSettings.defaults());
            SnapStartPriming priming = IngestPriming.of(config, sink,
                    Optional.of(new DynamoQuotaLedger(clients.dynamoDb(), "t", Clock.systemUTC()).bucketRead("ingest")),
                    Clock.systemUTC(), new PrintStream(logged, true, StandardCharsets.UTF_8));

            failed = priming.prime();
        }

        String log = logged.toString(StandardCharsets.UTF_8);
        assertThat(failed).as(log).containsExactly("kinesis: put no records",
                "dynamodb: read a quota bucket of the priming tenant");
        assertThat(log).contains("\"function\":\"ingest\",\"steps\":3,\"failed\":2");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
