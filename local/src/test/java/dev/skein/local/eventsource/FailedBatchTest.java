package dev.skein.local.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailedBatchTest {

    @Test
    void toJson_whenTheHandlerThrew_isLambdasOnFailureRecordWithTheFunctionError() {
        FailedBatch failed = failed(Optional.of("Unhandled"));

        assertThat(failed.toJson()).isEqualTo("{"
                + "\"requestContext\":{\"requestId\":\"c9b8fa9f-5a7f-4b8e-af9c-0c604cde93a5\","
                + "\"functionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:skein-local\","
                + "\"condition\":\"RetryAttemptsExhausted\",\"approximateInvokeCount\":4},"
                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\","
                + "\"functionError\":\"Unhandled\"},"
                + "\"version\":\"1.0\",\"timestamp\":\"2025-01-02T03:04:06.000Z\","
                + "\"KinesisBatchInfo\":{\"shardId\":\"shardId-000000000001\","
                + "\"startSequenceNumber\":\"4960\",\"endSequenceNumber\":\"4962\","
                + "\"approximateArrivalOfFirstRecord\":\"2025-01-02T03:04:05.120Z\","
                + "\"approximateArrivalOfLastRecord\":\"2025-01-02T03:04:05.580Z\","
                + "\"batchSize\":3,"
                + "\"streamArn\":\"arn:aws:kinesis:us-east-1:000000000000:stream/skein-spans\"}}");
    }

    @Test
    void toJson_whenItemsFailed_hasNoFunctionError() {
        assertThat(failed(Optional.empty()).toJson())
                .contains("\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}");
    }

    private static FailedBatch failed(Optional<String> functionError) {
        return new FailedBatch("c9b8fa9f-5a7f-4b8e-af9c-0c604cde93a5",
                "arn:aws:lambda:us-east-1:000000000000:function:skein-local",
                "arn:aws:kinesis:us-east-1:000000000000:stream/skein-spans", "shardId-000000000001",
                "4960", "4962", 3, List.of("4960", "4961", "4962"),
                Instant.parse("2025-01-02T03:04:05.12Z"), Instant.parse("2025-01-02T03:04:05.58Z"), 4,
                functionError, "the handler threw java.lang.RuntimeException",
                Instant.parse("2025-01-02T03:04:06Z"));
    }
}
