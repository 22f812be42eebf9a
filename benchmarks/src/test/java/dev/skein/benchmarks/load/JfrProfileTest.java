package dev.skein.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JfrProfileTest {
    @Test
    void component_isTheFirstNonJdkFrameFromTheTop() {
        assertThat(JfrProfile.component(List.of("java.util.HashMap", "jdk.internal.misc.Unsafe",
                "dev.skein.codec.OtlpProtoDecoder", "org.elasticmq.Queue"))).isEqualTo("Skein (dev.skein)");
        assertThat(JfrProfile.component(List.of("com.almworks.sqlite4java.SQLiteConnection",
                "com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler")))
                .isEqualTo("SQLite (DynamoDB Local)");
        assertThat(JfrProfile.component(List.of("java.lang.String",
                "com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteDBAccess")))
                .isEqualTo("DynamoDB Local");
    }

    @Test
    void component_whenOnlyJdkFrames_isJdkOnly() {
        assertThat(JfrProfile.component(List.of("sun.nio.ch.EPoll", "com.sun.net.httpserver.HttpServer")))
                .isEqualTo(JfrProfile.JDK_ONLY);
    }

    @Test
    void component_whenUnknown_namesThePackage() {
        assertThat(JfrProfile.component(List.of("org.example.thing.Worker"))).isEqualTo("other (org.example.thing)");
    }
}
