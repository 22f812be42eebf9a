package dev.skein.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a running skein-local says about itself in {@code {DATA_DIR}/skein-local.json}:
 * {@code {"dynamodbEndpoint":"http://127.0.0.1:PORT","region":"us-east-1","table":"skein-index"}},
 * without {@code dynamodbEndpoint} when it runs against AWS itself. Fields it may add later are
 * ignored.
 */
record SkeinLocalFile(Optional<String> dynamodbEndpoint, Optional<String> region, String table) {
    static final String NAME = "skein-local.json";
    static final String DEFAULT_DATA_DIR = ".skein";
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * @throws IllegalStateException when the file is missing (skein-local is not running) or is
     *     not what skein-local writes
     */
    static SkeinLocalFile read(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("skein-local is not running (no " + file + "); start it or pass --table");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException(file + " is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.VALUE_STRING) {
                    fields.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String table = fields.get("table");
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(file + " names no table");
        }
        return new SkeinLocalFile(Optional.ofNullable(fields.get("dynamodbEndpoint")),
                Optional.ofNullable(fields.get("region")), table);
    }
}
