package dev.skein.emulators;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server (S3Proxy, {@code org.gaul:s3proxy}) running in this JVM on 127.0.0.1
 * and a port the kernel picks, over S3Proxy's own in-memory ("transient") or directory
 * ("filesystem") store.
 *
 * <pre>{@code
 * try (S3Emulator s3 = S3Emulator.start();
 *      S3Client client = s3.s3Client()) { ... }
 * }</pre>
 *
 * <p>Clients must use path-style addressing ({@code http://127.0.0.1:port/bucket/key}):
 * virtual-host style would need DNS names for every bucket under 127.0.0.1.
 * {@link #s3Client()} is set up that way. Signatures are not checked, so any credentials work,
 * including those of a handler under test that reads its own configuration.
 *
 * <p>Logging: S3Proxy logs through SLF4J, and at DEBUG when it brings its own Logback, which this
 * module excludes; the SLF4J backend of whoever runs it decides. At INFO it logs a dozen lines per
 * start and stop (its CORS settings, its shaded Jetty under {@code org.gaul.shaded}) and nothing
 * per request.
 *
 * <p>Start-up, measured on the 2-core build machine while other builds ran (load 2 to 4): 0.6 to
 * 0.8 s for the first emulator in a JVM (class loading; up to 1.7 s under heavier load), under
 * 0.015 s for each one after that; close() takes about 0.01 s.
 */
public final class S3Emulator implements AutoCloseable {
    /** The region {@link #s3Client()} signs for; S3Proxy accepts any. */
    public static final Region REGION = LocalClients.REGION;

    private final S3Proxy proxy;
    private final BlobStore store;
    private final URI endpoint;
    private final Path directory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private S3Emulator(S3Proxy proxy, BlobStore store, URI endpoint, Path directory) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = endpoint;
        this.directory = directory;
    }

    /** Starts an emulator that keeps objects in memory. */
    public static S3Emulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The plain-HTTP endpoint, on 127.0.0.1; buckets are paths under it. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * A new path-style client for this emulator (region {@link #REGION}, dummy credentials,
     * URL-connection HTTP client); the caller closes it.
     */
    public S3Client s3Client() {
        return LocalClients.build(S3Client.builder().forcePathStyle(true), endpoint);
    }

    /** Stops serving and frees the port; in-memory objects are gone afterwards. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3Proxy on " + endpoint, e);
        } finally {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "S3Emulator[" + endpoint + (directory == null ? ", in memory" : ", " + directory)
                + "]";
    }

    /** Options; the defaults give an in-memory store. */
    public static final class Builder {
        private Path directory;

        private Builder() {
        }

        /**
         * Keeps buckets as subdirectories of {@code directory} (created if missing) and objects as
         * files in them, so they outlive the emulator. Default: memory only.
         */
        public Builder storeIn(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Starts the emulator and returns once it listens.
         *
         * @throws EmulatorStartException when the directory cannot be used or the server does not
         *     come up
         */
        public S3Emulator start() {
            Path absolute = directory == null ? null : prepare(directory);
            BlobStore store = newStore(absolute);
            S3Proxy proxy;
            try {
                proxy = S3Proxy.builder()
                        .blobStore(store)
                        // Port 0: Jetty binds a port the kernel picks, so no race to lose.
                        .endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(AuthenticationType.NONE, null, null)
                        // No graceful stop (S3Proxy's default waits 30 s): it waits for every
                        // open connection, and the JDK keeps the URL-connection client's idle
                        // keep-alive sockets open after the client is closed.
                        .stopTimeout(0)
                        .build();
                proxy.start();
            } catch (Exception e) {
                store.close();
                throw new EmulatorStartException("S3Proxy did not start: " + e, e);
            }
            S3Emulator emulator = new S3Emulator(proxy, store,
                    URI.create("http://127.0.0.1:" + proxy.getPort()), absolute);
            if (!"STARTED".equals(proxy.getState())) {
                emulator.close();
                throw new EmulatorStartException("S3Proxy is " + proxy.getState()
                        + " after start, not STARTED");
            }
            return emulator;
        }

        private static BlobStore newStore(Path directory) {
            Properties properties = new Properties();
            if (directory == null) {
                return BlobStores.create("transient", properties);
            }
            properties.setProperty("jclouds.filesystem.basedir", directory.toString());
            return BlobStores.create("filesystem", properties);
        }

        private static Path prepare(Path directory) {
            Path absolute = directory.toAbsolutePath();
            try {
                return Files.createDirectories(absolute);
            } catch (IOException e) {
                throw new EmulatorStartException("cannot create the S3 emulator directory "
                        + absolute, e);
            }
        }
    }
}
