'use strict';
// Three Node "services" (shop-web, inventory, notifier), each with its own TracerProvider and
// resource, export three traces through the OpenTelemetry JavaScript SDK's OTLP/HTTP JSON
// exporter. Once every exporter has heard success, the spans they delivered are printed on
// stdout as one JSON object, for EndToEndIT to compare with what Skein answers.
//
//   OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<API key> \
//       node export-traces.js <OTLP/HTTP traces URL> <t0 in epoch nanoseconds>
//
// The API key reaches the exporters as users give it, through the SDK's own environment variable.
//
// Every time is t0 plus a fixed offset, so the Java side can nest its own spans inside the
// "checkout" trace: it continues that trace from shop-web's "POST /orders" client span.
//
// Printed per span: IDs (hex), parentSpanId ("" for a root), kind and status code by name,
// times in nanoseconds as decimal strings, attributes as JSON values. The exporter writes a
// JavaScript number as intValue when it is an integer and as doubleValue otherwise; the printed
// numbers keep that distinction (an integer is printed without a fraction).

const { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } = require('@opentelemetry/api');
const { ExportResultCode } = require('@opentelemetry/core');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { defaultResource, resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} = require('@opentelemetry/semantic-conventions');

const [url, t0Text] = process.argv.slice(2);
if (!url || !/^\d+$/.test(t0Text || '')) {
  console.error('usage: node export-traces.js <OTLP traces URL> <t0 epoch nanoseconds>');
  process.exit(2);
}
const t0 = BigInt(t0Text);
const NANOS_PER_SECOND = 1000000000n;

/** t0 plus whole milliseconds and extra nanoseconds, as the SDK's [seconds, nanoseconds]. */
function at(millis, nanos = 0) {
  const t = t0 + BigInt(millis) * 1000000n + BigInt(nanos);
  return [Number(t / NANOS_PER_SECOND), Number(t % NANOS_PER_SECOND)];
}

function nanosText(hrTime) {
  return (BigInt(hrTime[0]) * NANOS_PER_SECOND + BigInt(hrTime[1])).toString();
}

/** Passes spans to the OTLP exporter and keeps those it delivered. */
class DeliveredSpans {
  constructor() {
    this.otlp = new OTLPTraceExporter({ url });
    this.spans = [];
    this.errors = [];
  }

  export(spans, resultCallback) {
    this.otlp.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        this.spans.push(...spans);
      } else {
        this.errors.push(result.error ? result.error.message : 'export failed');
      }
      resultCallback(result);
    });
  }

  forceFlush() {
    return this.otlp.forceFlush();
  }

  shutdown() {
    return this.otlp.shutdown();
  }
}

/** One service: its own resource, provider and exporter, as separate processes would have. */
function service(name, version) {
  const delivered = new DeliveredSpans();
  const provider = new BasicTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({
      [ATTR_SERVICE_NAME]: name,
      [ATTR_SERVICE_VERSION]: version,
      'deployment.environment.name': 'it',
    })),
    spanProcessors: [new BatchSpanProcessor(delivered)],
  });
  return { delivered, provider, tracer: provider.getTracer(`@skein-it/${name}`, version) };
}

function child(parent) {
  return trace.setSpan(ROOT_CONTEXT, parent);
}

/** The caller's context as it arrives in a traceparent header. */
function remote(caller) {
  return trace.setSpanContext(ROOT_CONTEXT, { ...caller.spanContext(), isRemote: true });
}

const web = service('shop-web', '3.1.0');
const inventory = service('inventory', '1.4.2');
const notifier = service('notifier', '0.9.0');

// checkout: the storefront's request; orders (the Java SDK) continues it from "POST /orders".
const checkout = web.tracer.startSpan('GET /checkout', {
  kind: SpanKind.SERVER,
  startTime: at(0),
  attributes: {
    [ATTR_HTTP_REQUEST_METHOD]: 'GET',
    [ATTR_HTTP_ROUTE]: '/checkout',
    [ATTR_HTTP_RESPONSE_STATUS_CODE]: 200,
    'cart.items': ['book', 'pen'],
    'cart.quantities': [1, 3],
    'cart.weights': [0.25, 1.5],
    'cart.wrapped': [true, false],
    'cart.total': 12.75,
    'cart.gift': true,
  },
}, ROOT_CONTEXT);
checkout.addEvent('cart loaded', { 'cart.size': 2, 'cart.currency': 'EUR' }, at(1, 123));
const callOrders = web.tracer.startSpan('POST /orders', {
  kind: SpanKind.CLIENT,
  startTime: at(5),
  attributes: {
    [ATTR_HTTP_REQUEST_METHOD]: 'POST',
    [ATTR_SERVER_ADDRESS]: 'orders.internal',
    [ATTR_SERVER_PORT]: 8080,
  },
}, child(checkout));
callOrders.end(at(90, 7));
checkout.addEvent('page rendered', at(95));
checkout.end(at(100, 11));

// basket: the storefront reserves stock; inventory fails, after publishing a message.
const basket = web.tracer.startSpan('GET /basket', {
  kind: SpanKind.SERVER,
  startTime: at(200),
  attributes: {
    [ATTR_HTTP_REQUEST_METHOD]: 'GET',
    [ATTR_HTTP_ROUTE]: '/basket',
    [ATTR_HTTP_RESPONSE_STATUS_CODE]: 409,
  },
}, ROOT_CONTEXT);
const callReserve = web.tracer.startSpan('POST /reserve', {
  kind: SpanKind.CLIENT,
  startTime: at(203),
  attributes: { [ATTR_HTTP_REQUEST_METHOD]: 'POST', [ATTR_SERVER_ADDRESS]: 'inventory.internal' },
}, child(basket));
const reserve = inventory.tracer.startSpan('POST /reserve', {
  kind: SpanKind.SERVER,
  startTime: at(206, 250),
  attributes: {
    'inventory.sku': 'B-42',
    'inventory.requested': 3,
    'inventory.fill_ratio': 0.75,
    'inventory.zones': ['north', 'east'],
  },
}, remote(callReserve));
const check = inventory.tracer.startSpan('check stock', { startTime: at(207) }, child(reserve));
reserve.addEvent('stock checked', { 'inventory.sku': 'B-42', 'inventory.remaining': 0, 'inventory.backorder': false },
  at(209, 5));
check.end(at(211));
const publish = inventory.tracer.startSpan('publish stock.reserved', {
  kind: SpanKind.PRODUCER,
  startTime: at(212),
  attributes: {
    'messaging.system': 'kafka',
    'messaging.destination.name': 'stock.reserved',
    'messaging.operation.type': 'send',
  },
}, child(reserve));
publish.end(at(214));
reserve.setStatus({ code: SpanStatusCode.ERROR, message: 'out of stock' });
reserve.end(at(220));
callReserve.end(at(222));
basket.end(at(225));

// notify: a consumer in a trace of its own, linked to the message's producer.
const consume = notifier.tracer.startSpan('process stock.reserved', {
  kind: SpanKind.CONSUMER,
  startTime: at(300),
  attributes: {
    'messaging.system': 'kafka',
    'messaging.destination.name': 'stock.reserved',
    'messaging.batch.message_count': 1,
  },
  links: [{ context: publish.spanContext(), attributes: { 'messaging.message.id': 'm-0001' } }],
}, ROOT_CONTEXT);
const email = notifier.tracer.startSpan('send email', { startTime: at(302) }, child(consume));
email.setStatus({ code: SpanStatusCode.OK });
email.end(at(340));
consume.end(at(341));

function describe(s) {
  const scope = s.instrumentationScope;
  return {
    traceId: s.spanContext().traceId,
    spanId: s.spanContext().spanId,
    parentSpanId: s.parentSpanContext ? s.parentSpanContext.spanId : '',
    name: s.name,
    kind: SpanKind[s.kind],
    startTimeUnixNano: nanosText(s.startTime),
    endTimeUnixNano: nanosText(s.endTime),
    attributes: s.attributes,
    events: s.events.map((e) => ({ name: e.name, timeUnixNano: nanosText(e.time), attributes: e.attributes || {} })),
    links: s.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId, attributes: l.attributes || {} })),
    status: { code: SpanStatusCode[s.status.code], message: s.status.message || '' },
    resource: s.resource.attributes,
    scope: { name: scope.name, version: scope.version || '' },
  };
}

async function main() {
  const services = [web, inventory, notifier];
  await Promise.all(services.map((s) => s.provider.forceFlush()));
  await Promise.all(services.map((s) => s.provider.shutdown()));
  const errors = services.flatMap((s) => s.delivered.errors);
  if (errors.length > 0) {
    console.error(`OTLP export to ${url} failed: ${errors.join('; ')}`);
    process.exit(1);
  }
  const spans = services.flatMap((s) => s.delivered.spans).map(describe);
  process.stdout.write(JSON.stringify({ spans }) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
