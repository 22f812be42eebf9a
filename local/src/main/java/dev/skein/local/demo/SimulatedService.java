package dev.skein.local.demo;

import dev.skein.model.Attribute;
import dev.skein.model.InstrumentationScope;
import dev.skein.model.Resource;
import java.util.List;

/**
 * One service of the simulated shop: the resource its SDK reports (one instance, shared by all its
 * spans as an SDK shares it), the SDK, and how its exporter sends.
 */
record SimulatedService(String name, Resource resource, Sdk sdk, ExportProtocol protocol) {
    static SimulatedService of(String name, String version, String host, Sdk sdk, ExportProtocol protocol) {
        Resource resource = new Resource(List.of(
                Attribute.of("service.name", name),
                Attribute.of("service.namespace", "shop"),
                Attribute.of("service.version", version),
                Attribute.of("service.instance.id", host),
                Attribute.of("deployment.environment.name", "demo"),
                Attribute.of("host.name", host),
                Attribute.of("telemetry.sdk.name", "opentelemetry"),
                Attribute.of("telemetry.sdk.language", sdk.language()),
                Attribute.of("telemetry.sdk.version", sdk.version())), 0, "");
        return new SimulatedService(name, resource, sdk, protocol);
    }

    InstrumentationScope scope(Library library) {
        return sdk.scope(library);
    }
}
