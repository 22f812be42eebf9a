package dev.skein.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3EmulatorIT {
    /** Bytes 0, 1, ... 99: every byte tells its own offset, so a shifted range cannot pass. */
    private static final byte[] BODY = body();

    @TempDir
    Path dir;

    @Test
    void start_whenInMemory_servesRangedGetsAndListings() throws Exception {
        URI endpoint;
        try (S3Emulator emulator = S3Emulator.start(); S3Client client = emulator.s3Client()) {
            endpoint = emulator.endpoint();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            client.createBucket(request -> request.bucket("spans"));
            client.putObject(request -> request.bucket("spans").key("tenant-a/2026/11/01/part-0"),
                    RequestBody.fromBytes(BODY));
            client.putObject(request -> request.bucket("spans").key("tenant-a/2026/11/01/part-1"),
                    RequestBody.fromString("x", StandardCharsets.US_ASCII));

            ResponseBytes<GetObjectResponse> range = client.getObjectAsBytes(request -> request
                    .bucket("spans").key("tenant-a/2026/11/01/part-0").range("bytes=10-19"));

            assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(BODY, 10, 20));
            assertThat(range.response().contentLength()).isEqualTo(10L);
            assertThat(range.response().contentRange()).isEqualTo("bytes 10-19/100");

            List<S3Object> listed = client.listObjectsV2(request -> request
                    .bucket("spans").prefix("tenant-a/2026/11/")).contents();
            assertThat(listed).extracting(S3Object::key).containsExactly(
                    "tenant-a/2026/11/01/part-0", "tenant-a/2026/11/01/part-1");
            assertThat(listed.get(0).size()).isEqualTo(100L);
        }

        assertThatThrownBy(() -> connect(endpoint)).isInstanceOf(ConnectException.class);
    }

    @Test
    void storeIn_whenRestartedOnTheSameDirectory_keepsObjectsAsFiles() {
        try (S3Emulator first = S3Emulator.builder().storeIn(dir).start();
                S3Client client = first.s3Client()) {
            client.createBucket(request -> request.bucket("spans"));
            client.putObject(request -> request.bucket("spans").key("a/b"),
                    RequestBody.fromBytes(BODY));
        }
        assertThat(dir.resolve("spans").resolve("a").resolve("b")).hasBinaryContent(BODY);

        try (S3Emulator second = S3Emulator.builder().storeIn(dir).start();
                S3Client client = second.s3Client()) {
            assertThat(client.getObjectAsBytes(request -> request.bucket("spans").key("a/b"))
                    .asByteArray()).isEqualTo(BODY);
        }
    }

    private static byte[] body() {
        byte[] body = new byte[100];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        return body;
    }

    private static void connect(URI endpoint) throws IOException {
        new Socket(endpoint.getHost(), endpoint.getPort()).close();
    }
}
