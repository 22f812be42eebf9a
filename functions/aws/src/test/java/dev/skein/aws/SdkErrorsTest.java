package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

class SdkErrorsTest {

    @Test
    void isTransient_whenConnectionOrTimeoutFails_isTrue() {
        assertThat(SdkErrors.isTransient(SdkClientException.create("connection reset"))).isTrue();
        assertThat(SdkErrors.isTransient(ApiCallTimeoutException.create(100))).isTrue();
    }

    @Test
    void isTransient_whenServerErrorOrThrottled_isTrue() {
        assertThat(SdkErrors.isTransient(serviceError(500, "InternalFailure"))).isTrue();
        assertThat(SdkErrors.isTransient(serviceError(503, "ServiceUnavailable"))).isTrue();
        assertThat(SdkErrors.isTransient(
                serviceError(400, "ProvisionedThroughputExceededException"))).isTrue();
        assertThat(SdkErrors.isTransient(serviceError(400, "LimitExceededException"))).isTrue();
        assertThat(SdkErrors.isTransient(serviceError(400, "KMSThrottlingException"))).isTrue();
    }

    @Test
    void isTransient_whenMisconfigured_isFalse() {
        assertThat(SdkErrors.isTransient(serviceError(400, "ResourceNotFoundException"))).isFalse();
        assertThat(SdkErrors.isTransient(serviceError(400, "AccessDeniedException"))).isFalse();
        assertThat(SdkErrors.isTransient(serviceError(400, "InvalidArgumentException"))).isFalse();
        assertThat(SdkErrors.isTransient(serviceError(400, "ValidationException"))).isFalse();
    }

    @Test
    void refusedAsInvalid_isTrueOnlyForTheRefusalTheRequestIsBuiltFor() {
        Set<String> expected = Set.of("ValidationException");
        assertThat(SdkErrors.refusedAsInvalid(expected, () -> {
            throw serviceError(400, "ValidationException");
        })).isTrue();
        assertThat(SdkErrors.refusedAsInvalid(expected, () -> { })).as("accepted").isFalse();
        // A missing stream or a role without the grant is also a 400: a failure to log, not the refusal.
        for (String code : List.of("ResourceNotFoundException", "AccessDeniedException")) {
            assertThatThrownBy(() -> SdkErrors.refusedAsInvalid(expected, () -> {
                throw serviceError(400, code);
            })).isInstanceOf(KinesisException.class).hasMessageStartingWith(code);
        }
        assertThatThrownBy(() -> SdkErrors.refusedAsInvalid(expected, () -> {
            throw serviceError(500, "ValidationException");
        })).isInstanceOf(KinesisException.class);
    }

    private static KinesisException serviceError(int status, String code) {
        return (KinesisException) KinesisException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .message(code)
                .build();
    }
}
