package dev.skein.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.aws.AwsTarget;
import dev.skein.aws.StorageProvisioning;
import dev.skein.aws.UsageMeter;
import dev.skein.aws.UsageSnapshot;
import dev.skein.storage.ArchiveObjectMissingException;
import dev.skein.storage.StorageException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3SpanArchiveIT {
    private static final String KEY = "tenant=acme/dt=2026-11-25/hr=04/batch-0001.gz";

    private static AwsTarget target;
    private static String bucket;

    private UsageMeter meter;
    private S3SpanArchive archive;

    @BeforeAll
    static void startS3() {
        target = AwsTarget.s3();
        bucket = AwsTarget.uniqueName("archive");
        StorageProvisioning.createBucketIfMissing(target.clients().s3(), bucket);
    }

    @AfterAll
    static void stopS3() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    void newArchive() {
        meter = new UsageMeter();
        archive = new S3SpanArchive(target.clients().s3(), bucket, meter);
    }

    @Test
    void read_withRange_returnsExactlyThoseBytes() {
        byte[] object = randomBytes(100_000);
        archive.put(KEY, object);

        UsageSnapshot before = meter.snapshot();
        byte[] member = archive.read(KEY, 12_345, 6_789);

        assertThat(member).isEqualTo(Arrays.copyOfRange(object, 12_345, 12_345 + 6_789));
        UsageSnapshot used = meter.snapshot().minus(before);
        assertThat(used.s3GetRequests()).isEqualTo(1);
        assertThat(used.s3BytesRead()).isEqualTo(6_789);
    }

    @Test
    void read_withRangeAtTheEdges_returnsFirstAndLastBytes() {
        byte[] object = randomBytes(1_000);
        archive.put(KEY, object);

        assertThat(archive.read(KEY, 0, 1)).containsExactly(object[0]);
        assertThat(archive.read(KEY, 999, 1)).containsExactly(object[999]);
        assertThat(archive.read(KEY, 0, 1_000)).isEqualTo(object);
        assertThat(archive.read(KEY, 10, 0)).isEmpty();
    }

    @Test
    void read_whole_returnsTheObjectAndCountsPutAndGet() {
        byte[] object = randomBytes(4_096);
        UsageSnapshot before = meter.snapshot();

        archive.put(KEY, object);
        byte[] read = archive.read(KEY);

        assertThat(read).isEqualTo(object);
        UsageSnapshot used = meter.snapshot().minus(before);
        assertThat(used.s3PutRequests()).isEqualTo(1);
        assertThat(used.s3BytesWritten()).isEqualTo(4_096);
        assertThat(used.s3GetRequests()).isEqualTo(1);
        assertThat(used.s3BytesRead()).isEqualTo(4_096);
    }

    @Test
    void put_whenKeyExists_replacesTheObject() {
        archive.put(KEY, randomBytes(500));
        byte[] second = randomBytes(300);

        archive.put(KEY, second);

        assertThat(archive.read(KEY)).isEqualTo(second);
    }

    @Test
    void read_whenKeyMissing_throwsArchiveObjectMissing() {
        assertThatThrownBy(() -> archive.read("tenant=acme/never-written.gz"))
                .isInstanceOf(ArchiveObjectMissingException.class)
                .hasMessageContaining("tenant=acme/never-written.gz");
        assertThatThrownBy(() -> archive.read("tenant=acme/never-written.gz", 10, 20))
                .isInstanceOf(ArchiveObjectMissingException.class);
    }

    @Test
    void read_whenRangeRunsPastTheEnd_throwsStorageException() {
        archive.put(KEY, randomBytes(100));

        assertThatThrownBy(() -> archive.read(KEY, 50, 100))
                .isInstanceOf(StorageException.class)
                .isNotInstanceOf(ArchiveObjectMissingException.class)
                .hasMessageContaining(bucket).hasMessageContaining(KEY);
    }

    @Test
    void read_whenBucketMissing_throwsStorageExceptionNamingBucketAndKey() {
        String missingBucket = AwsTarget.uniqueName("no-such-bucket");
        S3SpanArchive elsewhere = new S3SpanArchive(target.clients().s3(), missingBucket, meter);

        assertThatThrownBy(() -> elsewhere.read(KEY))
                .isInstanceOf(StorageException.class)
                .isNotInstanceOf(ArchiveObjectMissingException.class)
                .hasMessageContaining(missingBucket).hasMessageContaining(KEY);
        assertThatThrownBy(() -> elsewhere.put(KEY, new byte[] {1}))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(missingBucket);
    }

    @Test
    void createBucketIfMissing_whenCalledAgain_keepsTheObjects() {
        archive.put(KEY, new byte[] {1, 2, 3});

        StorageProvisioning.createBucketIfMissing(target.clients().s3(), bucket);

        assertThat(archive.read(KEY)).containsExactly(1, 2, 3);
    }

    @Test
    void read_whenOffsetNegative_throwsIllegalArgument() {
        assertThatThrownBy(() -> archive.read(KEY, -1, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
