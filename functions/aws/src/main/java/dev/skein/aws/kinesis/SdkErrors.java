package dev.skein.aws.kinesis;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Which whole-call failures are worth retrying within the deadline. */
final class SdkErrors {
    /** 4xx codes that clear up by themselves. */
    private static final Set<String> TRANSIENT_CLIENT_ERRORS = Set.of(
            "LimitExceededException",
            "KMSThrottlingException",
            "ExpiredTokenException",
            "RequestTimeout",
            "RequestTimeoutException");

    private SdkErrors() {
    }

    /**
     * True for connection problems, timeouts, throttling and 5xx. False for the other 4xx
     * (missing stream, access denied, invalid request): a misconfiguration that retrying cannot
     * fix, so the sink gives up at once rather than hold every request for the whole deadline.
     */
    static boolean isTransient(SdkException error) {
        if (!(error instanceof AwsServiceException service)) {
            return true; // SdkClientException: I/O, timeouts, an unreadable answer
        }
        if (service.statusCode() >= 500 || service.isThrottlingException()
                || service.isClockSkewException()) {
            return true;
        }
        String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        return code != null && TRANSIENT_CLIENT_ERRORS.contains(code);
    }
}
