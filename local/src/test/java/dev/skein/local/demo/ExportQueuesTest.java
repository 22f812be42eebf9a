package dev.skein.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.model.Attribute;
import dev.skein.model.Resource;
import dev.skein.model.Span;
import dev.skein.model.TraceId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportQueuesTest {
    private final ExportQueues queues = new ExportQueues(ShopServices.ALL);

    @Test
    void takeEnded_takesEachServicesEndedSpansInTheOrderTheyEnded_andKeepsTheRest() {
        Span webLate = span(ShopServices.WEB, 1, 30);
        Span webEarly = span(ShopServices.WEB, 2, 10);
        Span cart = span(ShopServices.CART, 3, 20);
        Span running = span(ShopServices.WEB, 4, 50);
        queues.add(List.of(webLate, webEarly, cart, running));

        List<ExportQueues.Batch> batches = queues.takeEnded(30);

        assertThat(batches).containsExactly(new ExportQueues.Batch(ShopServices.WEB, List.of(webEarly, webLate)),
                new ExportQueues.Batch(ShopServices.CART, List.of(cart)));
        assertThat(queues.waiting()).isEqualTo(1);
        assertThat(queues.takeEnded(49)).isEmpty();
        assertThat(queues.takeEnded(50)).containsExactly(new ExportQueues.Batch(ShopServices.WEB, List.of(running)));
        assertThat(queues.waiting()).isZero();
    }

    @Test
    void takeEnded_whenMoreThanABatchEnded_splitsThemAsABatchSpanProcessorDoes() {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 1_100; i++) spans.add(span(ShopServices.CHECKOUT, i, i));
        queues.add(spans);

        assertThat(queues.takeEnded(2_000)).extracting(b -> b.spans().size()).containsExactly(512, 512, 76);
    }

    @Test
    void add_whenASpanIsOfNoSimulatedService_saysSo() {
        Span.Builder b = span(ShopServices.WEB, 1, 1).toBuilder();
        b.resource = new Resource(List.of(Attribute.of("service.name", "stranger")), 0, "");

        assertThatThrownBy(() -> queues.add(List.of(b.build()))).hasMessage("no simulated service stranger");
    }

    private static Span span(SimulatedService service, long id, long end) {
        Span.Builder b = Span.builder();
        b.traceId = new TraceId(1, 1);
        b.spanId = id;
        b.name = "span " + id;
        b.startEpochNanos = end - 1;
        b.endEpochNanos = end;
        b.resource = service.resource();
        return b.build();
    }
}
