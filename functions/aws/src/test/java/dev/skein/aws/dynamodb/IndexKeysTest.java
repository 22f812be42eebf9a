package dev.skein.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.model.TraceId;
import dev.skein.storage.TraceKey;
import org.junit.jupiter.api.Test;

class IndexKeysTest {

    @Test
    void keys_followTheDocumentedLayout() {
        TraceKey trace = new TraceKey("acme", TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"));

        assertThat(IndexKeys.trace(trace)).isEqualTo("T#acme#a3ce929d0e0e4736");
        assertThat(IndexKeys.traces("acme", 0xa3ce929d0e0e4736L)).isEqualTo("T#acme#a3ce929d0e0e4736");
        assertThat(IndexKeys.pointer(0x4bf92f3577b34da6L, "tenant=acme/b.gz", 512))
                .isEqualTo("4bf92f3577b34da6#P#tenant=acme/b.gz#512");
        assertThat(IndexKeys.summary(0x4bf92f3577b34da6L)).isEqualTo("4bf92f3577b34da6#S");
        assertThat(IndexKeys.summary(0)).isEqualTo("0000000000000000#S");
        assertThat(IndexKeys.searchRefs("acme", 490_000, 3, "checkout"))
                .isEqualTo("Q#acme#490000#3#checkout");
        assertThat(IndexKeys.searchRefs("acme", 490_000, 0, "")).isEqualTo("Q#acme#490000#0#");
        assertThat(IndexKeys.services("acme")).isEqualTo("C#acme");
        assertThat(IndexKeys.service("checkout")).isEqualTo("S#checkout");
        assertThat(IndexKeys.operations("acme", "checkout")).isEqualTo("O#acme#checkout");
        assertThat(IndexKeys.operation("SERVER", "GET /cart")).isEqualTo("SERVER#GET /cart");
        assertThat(IndexKeys.remoteServices("acme", "checkout")).isEqualTo("R#acme#checkout");
        assertThat(IndexKeys.attributeValues("acme", "http.route")).isEqualTo("V#acme#http.route");
        assertThat(IndexKeys.edges("acme", 490_000)).isEqualTo("G#acme#490000");
        assertThat(IndexKeys.apiKeys("acme")).isEqualTo("K#acme");
        assertThat(IndexKeys.quotaBuckets("acme")).isEqualTo("L#acme");
        assertThat(IndexKeys.edge(29_400_001, "frontend", "checkout"))
                .isEqualTo("0029400001#8:frontendcheckout");
    }

    @Test
    void traceSortKeys_nameTheirKindAndHighHalf() {
        String pointer = IndexKeys.pointer(0xfedcba9876543210L, "b.gz", 0);
        String summary = IndexKeys.summary(0xfedcba9876543210L);

        assertThat(pointer).startsWith(IndexKeys.traceSortPrefix(0xfedcba9876543210L));
        assertThat(IndexKeys.isPointer(pointer)).isTrue();
        assertThat(IndexKeys.isSummary(pointer)).isFalse();
        assertThat(IndexKeys.isSummary(summary)).isTrue();
        assertThat(IndexKeys.isPointer(summary)).isFalse();
        assertThat(IndexKeys.highHalf(pointer)).isEqualTo(0xfedcba9876543210L);
        assertThat(IndexKeys.highHalf(summary)).isEqualTo(0xfedcba9876543210L);
        // Kinds a newer writer might add, and the layout before the low half keyed partitions.
        assertThat(IndexKeys.isPointer("fedcba9876543210#X#b.gz")).isFalse();
        assertThat(IndexKeys.isSummary("fedcba9876543210#SX")).isFalse();
        assertThat(IndexKeys.isPointer("P#b.gz#0")).isFalse();
        assertThat(IndexKeys.isSummary("S")).isFalse();
    }

    @Test
    void traceSortKeys_sortByHighHalfAsUnsignedNumbers() {
        assertThat(IndexKeys.summary(0)).isLessThan(IndexKeys.pointer(1, "a", 0));
        assertThat(IndexKeys.pointer(0x7fffffffffffffffL, "z", 9)).isLessThan(IndexKeys.summary(-1));
    }

    @Test
    void edge_whenNamesSplitDifferently_givesDifferentKeys() {
        assertThat(IndexKeys.edge(1, "ab", "c")).isNotEqualTo(IndexKeys.edge(1, "a", "bc"));
    }

    @Test
    void minute_sortsAsTimeAndBoundsEveryKeyOfTheMinute() {
        String key = IndexKeys.edge(99, "zzz", "zzz");

        assertThat(IndexKeys.minute(99)).isLessThan(key);
        assertThat(IndexKeys.minute(100)).isGreaterThan(key);
        assertThat(IndexKeys.minute(9)).isLessThan(IndexKeys.minute(10));
        assertThatThrownBy(() -> IndexKeys.minute(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hourOfMinute_isTheHourTheMinuteFallsIn() {
        assertThat(IndexKeys.hourOfMinute(119)).isEqualTo(1);
        assertThat(IndexKeys.hourOfMinute(120)).isEqualTo(2);
    }

    @Test
    void requireTenant_whenEmptyOrContainingTheSeparator_throws() {
        assertThatThrownBy(() -> IndexKeys.requireTenant(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexKeys.services("a#b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexKeys.apiKeys("a#b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexKeys.quotaBuckets("a#1#0#"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
