package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static KinesisException serviceError(int status, String code) {
        return (KinesisException) KinesisException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .message(code)
                .build();
    }
}
