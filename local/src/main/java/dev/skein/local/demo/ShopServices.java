package dev.skein.local.demo;

import java.util.List;

/**
 * The simulated shop: six services in four languages, and the backends they call that report no
 * spans of their own (they appear on the service map as remote nodes).
 */
final class ShopServices {
    /** The storefront: every shopper's request starts here. */
    static final SimulatedService WEB = SimulatedService.of("web", "3.14.2", "web-7c9f6d8b54-k2x9q",
            Sdk.NODEJS, ExportProtocol.OTLP_PROTOBUF);
    static final SimulatedService CART = SimulatedService.of("cart", "1.8.0", "cart-5d4b8c7f96-m7trw",
            Sdk.GO, ExportProtocol.OTLP_PROTOBUF_GZIP);
    static final SimulatedService CHECKOUT = SimulatedService.of("checkout", "2.3.1", "checkout-6b8d9f7c45-p4znv",
            Sdk.JAVA, ExportProtocol.OTLP_PROTOBUF_GZIP);
    static final SimulatedService PAYMENTS = SimulatedService.of("payments", "4.0.7", "payments-58c7d9b6f4-x8qlh",
            Sdk.JAVA, ExportProtocol.OTLP_PROTOBUF);
    /** The older service, still on a Zipkin exporter. */
    static final SimulatedService INVENTORY = SimulatedService.of("inventory", "1.22.4", "inventory-7f5c8b9d66-w3jcd",
            Sdk.JAVA, ExportProtocol.ZIPKIN_JSON);
    /** Consumes the orders topic. */
    static final SimulatedService SHIPPING = SimulatedService.of("shipping", "0.9.3", "shipping-84d6c9b7f5-r5hmb",
            Sdk.PYTHON, ExportProtocol.OTLP_PROTOBUF);

    static final List<SimulatedService> ALL = List.of(WEB, CART, CHECKOUT, PAYMENTS, INVENTORY, SHIPPING);

    /** The PostgreSQL server of checkout, payments and shipping. */
    static final Database SHOP_DB = Database.postgresql("shop-db", "shop");
    /** Inventory's own PostgreSQL server. */
    static final Database INVENTORY_DB = Database.postgresql("inventory-db", "inventory");
    /** The Redis server of web (sessions, product pages) and cart (carts). */
    static final Database CACHE = Database.redis("cache");
    /** The Kafka topic checkout publishes orders to and shipping consumes. */
    static final String ORDERS_TOPIC = "orders";
    /** The card payment provider payments charges through. */
    static final String PAYMENT_GATEWAY = "api.payment-gateway.example";
    /** The parcel carrier shipping books labels with. */
    static final String CARRIER = "api.carrier.example";

    private ShopServices() {}
}
