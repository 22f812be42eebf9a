package dev.skein.local.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void withoutMessages_keepsTypesAndFramesButNoMessage() {
        IllegalStateException error = new IllegalStateException("span name 'checkout' is too long",
                new IllegalArgumentException("attribute user.email=a@b.c"));

        Throwable clean = Errors.withoutMessages(error);

        StringWriter printed = new StringWriter();
        clean.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString())
                .contains("java.lang.IllegalStateException", "java.lang.IllegalArgumentException",
                        "ErrorsTest.withoutMessages_keepsTypesAndFramesButNoMessage")
                .doesNotContain("checkout", "user.email");
        assertThat(clean.getStackTrace()).isEqualTo(error.getStackTrace());
    }

    @Test
    void worthWarning_whenFailuresRepeat_warnsOnTheFirstAndEveryHundredth() {
        assertThat(Errors.worthWarning(1)).isTrue();
        assertThat(Errors.worthWarning(2)).isFalse();
        assertThat(Errors.worthWarning(99)).isFalse();
        assertThat(Errors.worthWarning(100)).isTrue();
    }
}
