/**
 * Demo traffic for {@code skein-local --demo}: a small simulated shop whose services report
 * their spans to the front door the way real exporters do, so a first run shows a living service
 * map and traces at once.
 *
 * <p>{@link dev.skein.local.demo.ShopSimulator} makes the spans (deterministic from a seed),
 * {@link dev.skein.local.demo.ExportQueues} holds them until each has ended, as a batch span
 * processor does, {@link dev.skein.local.demo.SpanSender} exports them over HTTP, and
 * {@link dev.skein.local.demo.DemoTraffic} paces it all: a back-filled quarter hour, then a
 * steady rate.
 */
package dev.skein.local.demo;
