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

    private InstanceFile(Path file) {
        this.file = file;
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
            Files.createDirectories(dataDir);
            Files.writeString(file, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return new InstanceFile(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
