package dev.skein.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.aws.lambda.LogLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLineTest {
    @Test
    void toString_isOneJsonObjectOnOneLine_withTheFieldsGiven() throws Exception {
        String line = LogLine.of("assemble")
                .field("records", 100)
                .field("problem", "a \"quoted\"\nvalue")
                .field("absent", (String) null)
                .list("empty", List.of())
                .list("failures", List.of(Map.of("sequenceNumber", "42", "reason", "bad")))
                .list("problems", List.of("first"))
                .toString();

        assertThat(line).doesNotContain("\n").isEqualTo(line.strip());
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("event").asText()).isEqualTo("assemble");
        assertThat(json.get("records").asLong()).isEqualTo(100);
        assertThat(json.get("problem").asText()).isEqualTo("a \"quoted\"\nvalue");
        assertThat(json.has("absent")).isFalse();
        assertThat(json.has("empty")).isFalse();
        assertThat(json.get("failures").get(0).get("reason").asText()).isEqualTo("bad");
        assertThat(json.get("problems").get(0).asText()).isEqualTo("first");
    }

    @Test
    void toString_calledTwice_givesTheSameLine() {
        LogLine line = LogLine.of("finalize").field("timers", 3);

        assertThat(line.toString()).isEqualTo(line.toString()).isEqualTo("{\"event\":\"finalize\",\"timers\":3}");
    }
}
