package dev.skein.aws;

import dev.skein.storage.StorageContract;
import dev.skein.storage.StorageFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The core's storage contract (the suite the in-memory implementation passes) on the AWS
 * adapters, on the emulators or at the endpoint in SKEIN_AWS_ENDPOINT (see {@link
 * AwsStorageServices}).
 */
class AwsStorageContractIT extends StorageContract {
    private static AwsStorageServices aws;

    @BeforeAll
    static void startServices() {
        aws = AwsStorageServices.start("contract");
    }

    @AfterAll
    static void stopServices() {
        if (aws != null) {
            aws.close();
        }
    }

    @Override
    protected StorageFixture fixture() {
        return aws.newFixture();
    }
}
