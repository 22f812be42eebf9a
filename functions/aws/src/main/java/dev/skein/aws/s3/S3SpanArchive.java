package dev.skein.aws.s3;

import dev.skein.aws.SdkErrors;
import dev.skein.aws.UsageMeter;
import dev.skein.storage.ArchiveObjectMissingException;
import dev.skein.storage.SpanArchive;
import dev.skein.storage.StorageException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The span archive in one S3 bucket. An object is written once per assembler batch with one
 * PutObject (a retried batch writes the same key again, which replaces it), and a trace's chunk
 * is read back with one ranged GetObject, so reading a trace costs one GET per chunk however big
 * the object is.
 *
 * <p>S3's errors become the core's: a missing key is {@link ArchiveObjectMissingException}
 * (lifecycle deleted it, or the pointer outlived it), anything else a {@link StorageException}
 * naming the bucket and key.
 */
public final class S3SpanArchive implements SpanArchive {
    private static final String CONTENT_TYPE = "application/octet-stream";
    /** A key under spans/ that the archive never uses (its keys are spans/tenant=…/…), for priming. */
    public static final String PRIMING_KEY = "spans/skein-priming-never-stored";

    private final S3Client client;
    private final String bucket;
    private final UsageMeter meter;

    public S3SpanArchive(S3Client client, String bucket, UsageMeter meter) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    @Override
    public void put(String key, byte[] object) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(object, "object");
        try {
            // No Content-Encoding although members are gzip: S3 and HTTP clients would then
            // inflate whole objects on GET, and a ranged GET of one member must return raw bytes.
            client.putObject(request -> request.bucket(bucket).key(key).contentType(CONTENT_TYPE),
                    RequestBody.fromBytes(object));
        } catch (SdkException e) {
            meter.recordS3Put(0);
            throw failed("PutObject", key, "", e);
        }
        meter.recordS3Put(object.length);
    }

    /**
     * For SnapStart priming: a PutObject whose Content-MD5 does not match its body, which S3
     * refuses (BadDigest) without storing the object. The key is under {@code spans/}, where the
     * assembler may write, and is never one the archive uses.
     *
     * @throws SdkException for any answer but that refusal
     * @throws StorageException if S3 stored the object after all
     */
    public void sendRefusedWrite() {
        byte[] body = {0};
        String md5OfOtherBytes = Base64.getEncoder().encodeToString(md5(new byte[] {1}));
        boolean refused = SdkErrors.refusedAsInvalid(Set.of("BadDigest", "InvalidDigest"), () -> client.putObject(request -> request.bucket(bucket)
                .key(PRIMING_KEY).contentMD5(md5OfOtherBytes), RequestBody.fromBytes(body)));
        if (!refused) {
            throw new StorageException("s3://" + bucket + "/" + PRIMING_KEY
                    + " was stored despite a wrong Content-MD5");
        }
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /**
     * @throws IllegalArgumentException for a negative offset or length
     * @throws StorageException also when S3 returns fewer bytes than asked for (the object is
     *     shorter than the pointer says)
     */
    @Override
    public byte[] read(String key, long offset, int length) {
        Objects.requireNonNull(key, "key");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "offset and length must not be negative, got " + offset + ", " + length);
        }
        if (length == 0) {
            return new byte[0]; // "bytes=n-(n-1)" is not a range S3 accepts
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        byte[] bytes = get(key, GetObjectRequest.builder().bucket(bucket).key(key).range(range)
                .build(), " " + range);
        if (bytes.length != length) {
            throw new StorageException("s3://" + bucket + "/" + key + " " + range + " returned "
                    + bytes.length + " bytes, not " + length);
        }
        return bytes;
    }

    @Override
    public byte[] read(String key) {
        Objects.requireNonNull(key, "key");
        return get(key, GetObjectRequest.builder().bucket(bucket).key(key).build(), "");
    }

    private byte[] get(String key, GetObjectRequest request, String range) {
        ResponseBytes<GetObjectResponse> response;
        try {
            response = client.getObjectAsBytes(request);
        } catch (NoSuchKeyException e) {
            meter.recordS3Get(0);
            // The port's exception takes the key only and no cause: NoSuchKey says all there is.
            throw new ArchiveObjectMissingException(key);
        } catch (SdkException e) {
            meter.recordS3Get(0);
            throw failed("GetObject", key, range, e);
        }
        // The response buffer is ours alone: no copy.
        byte[] bytes = response.asByteArrayUnsafe();
        meter.recordS3Get(bytes.length);
        return bytes;
    }

    private StorageException failed(String operation, String key, String range, SdkException e) {
        // SDK messages carry the status, error code and request ID, never credentials.
        return new StorageException(operation + " s3://" + bucket + "/" + key + range
                + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
}
