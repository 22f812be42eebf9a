package dev.skein.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Which whole-call failures are worth retrying within an adapter's own retry budget. */
public final class SdkErrors {
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
     * (missing stream, table or queue, access denied, invalid request): a misconfiguration or a
     * bug that retrying cannot fix, so the adapter gives up at once rather than spend its whole
     * retry budget.
     */
    public static boolean isTransient(SdkException error) {
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

    /**
     * Sends a request built to be invalid, for SnapStart priming: it goes through the client,
     * signer and HTTP stack a real call uses, and the service refuses it (400) before storing
     * anything.
     *
     * @param expectedCodes the error codes of the refusal the request is built for; a 400 with
     *     any other code (access denied, a missing table, stream or queue) is a failure to log,
     *     not the refusal
     * @return true when the service refused it as invalid, false when it accepted it
     * @throws SdkException for any other failure: no network, access denied, a missing
     *     resource, throttling; priming logs it
     */
    public static boolean refusedAsInvalid(Set<String> expectedCodes, Runnable invalidRequest) {
        try {
            invalidRequest.run();
            return false;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 400 && expectedCodes.contains(code)) {
                return true;
            }
            throw e;
        }
    }
}
