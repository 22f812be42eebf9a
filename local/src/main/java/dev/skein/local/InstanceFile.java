package dev.skein.local;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skein.codec.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code {dataDir}/skein-local.json} while skein-local runs: where its key table is, so that
 * {@code skein keys … --local} manages the keys of the running instance. Removed at stop.
 */
final class InstanceFile implements AutoCloseable {
    static final String NAME = "skein-local.json";

    private final Path file;
    /** The data directory when this created it (no data kept there), to leave nothing behind. */
    private final Path createdDirectory;

    private InstanceFile(Path file, Path createdDirectory) {
        this.file = file;
        this.createdDirectory = createdDirectory;
    }

    /** @param dynamoDbEndpoint empty against real AWS, where the SDK finds the region's endpoint */
    static InstanceFile write(Path dataDir, Optional<URI> dynamoDbEndpoint, String region, String table) {
        Path file = dataDir.resolve(NAME);
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.FACTORY.createGenerator(text)) {
            json.writeStartObject();
            if (dynamoDbEndpoint.isPresent()) json.writeStringField("dynamodbEndpoint", dynamoDbEndpoint.get().toString());
            json.writeStringField("region", region);
            json.writeStringField("table", table);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            boolean created = !Files.exists(dataDir);
            Files.createDirectories(dataDir);
            Files.writeString(file, text + "\n");
            return new InstanceFile(file, created ? dataDir : null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
        if (createdDirectory != null) {
            try (var left = Files.list(createdDirectory)) {
                if (left.findAny().isEmpty()) Files.delete(createdDirectory);
            }
        }
    }
}
