package dev.skein.aws.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

class FailedEntriesTest {
    private final List<PutRecordsRequestEntry> sent = List.of(entry("a"), entry("b"), entry("c"));

    @Test
    void of_whenNothingFailed_isEmpty() {
        PutRecordsResponse response = PutRecordsResponse.builder()
                .failedRecordCount(0)
                .records(stored(), stored(), stored())
                .build();

        assertThat(FailedEntries.of(sent, response).isEmpty()).isTrue();
    }

    @Test
    void of_whenSomeEntriesFailed_keepsExactlyThoseInRequestOrder() {
        PutRecordsResponse response = PutRecordsResponse.builder()
                .failedRecordCount(2)
                .records(failed("ProvisionedThroughputExceededException", "Rate exceeded"),
                        stored(),
                        failed("InternalFailure", "Internal service failure."))
                .build();

        FailedEntries failed = FailedEntries.of(sent, response);

        assertThat(failed.entries()).extracting(PutRecordsRequestEntry::partitionKey)
                .containsExactly("a", "c");
        assertThat(failed.lastError()).isEqualTo("InternalFailure: Internal service failure.");
    }

    @Test
    void of_whenResultCountDoesNotMatch_resendsEverything() {
        PutRecordsResponse response = PutRecordsResponse.builder()
                .failedRecordCount(1)
                .records(failed("InternalFailure", "x"))
                .build();

        FailedEntries failed = FailedEntries.of(sent, response);

        assertThat(failed.entries()).isEqualTo(sent);
        assertThat(failed.lastError()).contains("1 results for 3 entries");
    }

    @Test
    void all_whenCallFailed_resendsEverythingAndNamesTheError() {
        FailedEntries failed = FailedEntries.all(sent, SdkClientException.create("Connection reset"));

        assertThat(failed.entries()).isEqualTo(sent);
        assertThat(failed.lastError()).isEqualTo("SdkClientException: Connection reset");
    }

    private static PutRecordsRequestEntry entry(String key) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(key)
                .data(SdkBytes.fromUtf8String(key))
                .build();
    }

    private static PutRecordsResultEntry stored() {
        return PutRecordsResultEntry.builder()
                .shardId("shardId-000000000000")
                .sequenceNumber("1")
                .build();
    }

    private static PutRecordsResultEntry failed(String code, String message) {
        return PutRecordsResultEntry.builder().errorCode(code).errorMessage(message).build();
    }
}
