package dev.skein.trace;

import static dev.skein.storage.TraceBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.model.SpanKind;
import dev.skein.storage.TraceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceGraphExtractorTest {
    private final TraceBuilder t = TraceBuilder.trace(1_795_600_000_000L);

    private static String edges(Map<ServiceEdge, EdgeStats> edges) {
        StringBuilder s = new StringBuilder();
        edges.forEach((e, st) -> s.append(e.parent()).append("->").append(e.child()).append(' ')
                .append(st.calls()).append('/').append(st.errors()).append(';'));
        return s.toString();
    }

    @Test
    void extract_namesRemoteNodesByPeerServiceThenDatabaseThenAddress() {
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
        t.span(2, 1, "web", "charge", SpanKind.CLIENT, 1, 10, attr("peer.service", "stripe"), attr("server.address", "x"));
        t.span(3, 1, "web", "GET", SpanKind.CLIENT, 2, 10, attr("db.system", "redis"));
        t.span(4, 1, "web", "POST", SpanKind.CLIENT, 3, 10, attr("server.address", "api.example.com"));
        t.span(5, 1, "web", "unnamed", SpanKind.CLIENT, 4, 10);
        t.span(6, 1, "web", "publish", SpanKind.PRODUCER, 5, 1, attr("peer.service", "kafka"));

        assertThat(edges(ServiceGraphExtractor.extract(t.spans(), ServiceGraphExtractor.LinkedSpans.NONE)))
                .isEqualTo("web->api.example.com 1/0;web->kafka 1/0;web->redis 1/0;web->stripe 1/0;");
    }

    @Test
    void extract_aClientAnsweredByAServer_isOneEdgeNotARemoteNode() {
        t.span(1, 0, "web", "GET /", SpanKind.SERVER, 0, 100);
        t.span(2, 1, "web", "GET /api", SpanKind.CLIENT, 1, 50, attr("peer.service", "api"));
        t.failed(t.span(3, 2, "api", "GET /api", SpanKind.SERVER, 2, 40));

        assertThat(edges(ServiceGraphExtractor.extract(t.spans(), ServiceGraphExtractor.LinkedSpans.NONE)))
                .isEqualTo("web->api 1/1;");
    }
}
