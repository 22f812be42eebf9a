package dev.skein.local.demo;

import static dev.skein.local.demo.ShopServices.CACHE;
import static dev.skein.local.demo.ShopServices.CARRIER;
import static dev.skein.local.demo.ShopServices.CART;
import static dev.skein.local.demo.ShopServices.CHECKOUT;
import static dev.skein.local.demo.ShopServices.INVENTORY;
import static dev.skein.local.demo.ShopServices.INVENTORY_DB;
import static dev.skein.local.demo.ShopServices.ORDERS_TOPIC;
import static dev.skein.local.demo.ShopServices.PAYMENTS;
import static dev.skein.local.demo.ShopServices.PAYMENT_GATEWAY;
import static dev.skein.local.demo.ShopServices.SHIPPING;
import static dev.skein.local.demo.ShopServices.SHOP_DB;
import static dev.skein.local.demo.ShopServices.WEB;

import dev.skein.model.Span;
import java.util.List;

/**
 * The simulated shop at work: each {@link #next} is one shopper's request to the storefront,
 * followed through every service it reaches, as the spans those services report. An order that
 * goes through also starts a trace of its own in shipping, which consumes it from the orders
 * topic.
 *
 * <p>Shoppers view the home page, view products (one view in five misses the page cache, one in
 * twenty asks for a product that does not exist: 404), add to their cart and check out (one to
 * five items, each reserved in inventory). A few payments are declined: the payment gateway
 * answers 402, payments fails with an exception, and checkout and the storefront answer 502.
 * A few database queries are slow. A request makes 6 to 33 spans, a shipment 5.
 *
 * <p>Everything is decided by dice seeded once: one seed, one sequence of requests.
 */
final class ShopSimulator {
    static final double HOME_PAGES = 0.25;
    static final double PRODUCT_PAGES = 0.45;
    static final double CART_ADDITIONS = 0.15;
    // The rest are checkouts.
    static final double UNKNOWN_PRODUCTS = 0.05;
    static final double PRODUCT_CACHE_MISSES = 0.2;
    static final double DECLINED_PAYMENTS = 0.03;
    static final double SLOW_QUERIES = 0.015;

    private static final int PRODUCTS = 800;
    private static final int SHOPPERS = 5_000;
    private static final int ORDER_PARTITIONS = 6;
    private static final int GRPC_OK = 0;
    /** What a Java gRPC server answers for an exception the service did not map to a status. */
    private static final int GRPC_UNKNOWN = 2;
    private static final List<String> DECLINE_REASONS =
            List.of("insufficient_funds", "do_not_honor", "expired_card", "card_velocity_exceeded");

    private final Dice dice;
    private final Calls calls;
    private long ordersOffset;

    ShopSimulator(long seed) {
        this.dice = new Dice(seed);
        this.calls = new Calls(dice);
    }

    /**
     * One shopper's request, starting at {@code startNanos}: the spans of its trace and, for an
     * order placed, of the shipping trace it starts.
     */
    List<Span> next(long startNanos) {
        Recorder recorder = new Recorder(dice);
        Shopper shopper = new Shopper(dice.between(1, SHOPPERS), dice.hex(32));
        double page = dice.unit();
        if (page < HOME_PAGES) {
            calls.inbound(recorder, WEB, "GET", "/", "/", startNanos, (web, t) -> home(web, t, shopper));
        } else if (page < HOME_PAGES + PRODUCT_PAGES) {
            int product = dice.between(1, PRODUCTS);
            calls.inbound(recorder, WEB, "GET", "/product/{id}", "/product/" + product, startNanos,
                    (web, t) -> productPage(web, t, shopper, product));
        } else if (page < HOME_PAGES + PRODUCT_PAGES + CART_ADDITIONS) {
            calls.inbound(recorder, WEB, "POST", "/cart/items", "/cart/items", startNanos,
                    (web, t) -> addToCart(web, t, shopper));
        } else {
            Order order = new Order(shopper, dice.hex(12), dice.between(1, 5), dice.between(0, ORDER_PARTITIONS - 1));
            calls.inbound(recorder, WEB, "POST", "/checkout", "/checkout", startNanos,
                    (web, t) -> checkoutPage(web, t, recorder, order));
        }
        return recorder.spans();
    }

    private record Shopper(int id, String session) {}

    private record Order(Shopper shopper, String id, int items, int partition) {}

    // ---- web

    private Reply home(Draft web, long t, Shopper shopper) {
        t = session(web, t, shopper);
        // The storefront asks for both at once.
        long featured = calls.http(web, INVENTORY, "GET", "/products", "/products?featured=true", t,
                (inventory, u) -> {
                    u = query(inventory, INVENTORY_DB, "SELECT", "products",
                            "SELECT id, name, price, image_url FROM products WHERE featured = $1 ORDER BY rank LIMIT $2",
                            u + dice.millis(0.1, 0.5), 4);
                    return Reply.http(u + dice.latency(1.5), 200);
                }).endNanos();
        long cart = calls.http(web, CART, "GET", "/cart/{userId}", "/cart/" + shopper.id(), t + dice.millis(0.05, 0.3),
                (c, u) -> readCart(c, u, shopper)).endNanos();
        t = Math.max(featured, cart);
        t = calls.internal(web, "render home", t, dice.latency(6));
        return Reply.http(t + dice.millis(0.2, 1), 200);
    }

    private Reply productPage(Draft web, long t, Shopper shopper, int product) {
        t = session(web, t, shopper);
        String cacheKey = "product:" + product;
        boolean known = !dice.chance(UNKNOWN_PRODUCTS);
        // Nothing is cached for a product that does not exist.
        boolean cached = known && !dice.chance(PRODUCT_CACHE_MISSES);
        t = calls.query(web, CACHE, "GET", null, "GET " + cacheKey, t, dice.latency(0.4));
        if (!cached) {
            Reply details = calls.http(web, INVENTORY, "GET", "/products/{id}", "/products/" + product, t,
                    (inventory, u) -> productDetails(inventory, u, known));
            t = details.endNanos();
            if (details.status() == 404) {
                return Reply.http(t + dice.latency(2), 404);
            }
            t = calls.query(web, CACHE, "SET", null, "SET " + cacheKey + " ? EX 300", t, dice.latency(0.4));
        }
        t = calls.http(web, INVENTORY, "GET", "/stock/{productId}", "/stock/" + product, t,
                this::stock).endNanos();
        t = calls.internal(web, "render product", t, dice.latency(4));
        return Reply.http(t + dice.millis(0.2, 1), 200);
    }

    private Reply addToCart(Draft web, long t, Shopper shopper) {
        t = session(web, t, shopper);
        int product = dice.between(1, PRODUCTS);
        t = calls.http(web, CART, "POST", "/cart/{userId}/items", "/cart/" + shopper.id() + "/items", t,
                (cart, u) -> {
                    u = calls.http(cart, INVENTORY, "GET", "/stock/{productId}", "/stock/" + product, u,
                            this::stock).endNanos();
                    String key = "cart:" + shopper.id();
                    u = calls.query(cart, CACHE, "HSET", null, "HSET " + key + " " + product + " ?", u, dice.latency(0.3));
                    u = calls.query(cart, CACHE, "EXPIRE", null, "EXPIRE " + key + " 604800", u, dice.latency(0.2));
                    return Reply.http(u + dice.millis(0.1, 0.5), 201);
                }).endNanos();
        return Reply.http(t + dice.millis(0.5, 2), 201);
    }

    private Reply checkoutPage(Draft web, long t, Recorder recorder, Order order) {
        t = session(web, t, order.shopper());
        Reply placed = calls.http(web, CHECKOUT, "POST", "/checkout", "/checkout", t,
                (checkout, u) -> placeOrder(checkout, u, recorder, order));
        t = placed.endNanos();
        if (placed.status() >= 500) {
            return new Reply(t + dice.millis(0.5, 2), 502, "checkout failed: " + placed.error());
        }
        t = calls.internal(web, "render confirmation", t, dice.latency(3));
        return Reply.http(t + dice.millis(0.2, 1), 200);
    }

    /** The storefront looks the shopper's session up first, on every request. */
    private long session(Draft web, long t, Shopper shopper) {
        return calls.query(web, CACHE, "GET", null, "GET session:" + shopper.session(), t + dice.millis(0.1, 0.4),
                dice.latency(0.4));
    }

    // ---- cart

    private Reply readCart(Draft cart, long t, Shopper shopper) {
        t = calls.query(cart, CACHE, "HGETALL", null, "HGETALL cart:" + shopper.id(), t + dice.millis(0.05, 0.2),
                dice.latency(0.5));
        return Reply.http(t + dice.millis(0.1, 0.5), 200);
    }

    // ---- inventory

    private Reply productDetails(Draft inventory, long t, boolean known) {
        t = query(inventory, INVENTORY_DB, "SELECT", "products",
                "SELECT id, name, description, price, image_url FROM products WHERE id = $1",
                t + dice.millis(0.1, 0.5), 2);
        return Reply.http(t + dice.latency(1), known ? 200 : 404);
    }

    private Reply stock(Draft inventory, long t) {
        t = query(inventory, INVENTORY_DB, "SELECT", "stock",
                "SELECT available, reserved FROM stock WHERE product_id = $1", t + dice.millis(0.1, 0.5), 1.5);
        return Reply.http(t + dice.latency(0.5), 200);
    }

    private Reply reserve(Draft inventory, long t) {
        t = query(inventory, INVENTORY_DB, "UPDATE", "stock",
                "UPDATE stock SET reserved = reserved + $1 WHERE product_id = $2 AND available - reserved >= $1",
                t + dice.millis(0.1, 0.5), 3);
        return Reply.http(t + dice.latency(0.5), 201);
    }

    // ---- checkout

    private Reply placeOrder(Draft checkout, long t, Recorder recorder, Order order) {
        Shopper shopper = order.shopper();
        t = calls.http(checkout, CART, "GET", "/cart/{userId}", "/cart/" + shopper.id(), t + dice.millis(0.2, 1),
                (cart, u) -> readCart(cart, u, shopper)).endNanos();
        t = calls.internal(checkout, "price order", t, dice.latency(2));
        for (int i = 0; i < order.items(); i++) {
            int product = dice.between(1, PRODUCTS);
            t = calls.http(checkout, INVENTORY, "POST", "/stock/{productId}/reservations",
                    "/stock/" + product + "/reservations", t, this::reserve).endNanos();
        }
        Reply charge = calls.grpc(checkout, PAYMENTS, "payments.PaymentService", "Charge", t, this::charge);
        t = charge.endNanos();
        if (charge.status() != GRPC_OK) {
            return new Reply(t + dice.millis(0.5, 2), 502, "payment failed: " + charge.error());
        }
        t = query(checkout, SHOP_DB, "INSERT", "orders",
                "INSERT INTO orders (id, user_id, items, total, status) VALUES ($1, $2, $3, $4, 'placed')", t, 3);
        Draft producer = calls.send(checkout, ORDERS_TOPIC, order.id(), order.partition(), t, dice.latency(2));
        ship(recorder, producer, order);
        t = calls.http(checkout, CART, "DELETE", "/cart/{userId}", "/cart/" + shopper.id(), producer.endNanos(),
                (cart, u) -> {
                    u = calls.query(cart, CACHE, "DEL", null, "DEL cart:" + shopper.id(), u + dice.millis(0.05, 0.2),
                            dice.latency(0.3));
                    return Reply.http(u + dice.millis(0.1, 0.4), 204);
                }).endNanos();
        return Reply.http(t + dice.millis(0.5, 2), 201);
    }

    // ---- payments

    private Reply charge(Draft payments, long t) {
        t += dice.latency(1); // validating the request
        boolean declined = dice.chance(DECLINED_PAYMENTS);
        t = calls.external(payments, PAYMENT_GATEWAY, "POST", "/v1/charges", "/v1/charges", t, dice.latency(180),
                declined ? 402 : 200);
        if (declined) {
            String message = "card declined: " + dice.pick(DECLINE_REASONS);
            payments.exception(JavaStacks.PAYMENT_DECLINED, message, JavaStacks.paymentDeclined(message), t);
            return new Reply(t + dice.millis(0.3, 1), GRPC_UNKNOWN, message);
        }
        t = query(payments, SHOP_DB, "INSERT", "payments",
                "INSERT INTO payments (id, order_id, amount, currency, gateway_ref) VALUES ($1, $2, $3, $4, $5)", t, 2.5);
        return new Reply(t + dice.millis(0.3, 1), GRPC_OK, "");
    }

    // ---- shipping

    /** Shipping takes the order off the topic a moment later, in a trace of its own. */
    private void ship(Recorder recorder, Draft producer, Order order) {
        long t = producer.endNanos() + dice.latency(15); // consumer lag
        Draft consumer = calls.process(recorder, SHIPPING, producer, ORDERS_TOPIC, order.id(), order.partition(),
                ordersOffset++, t);
        t = query(consumer, SHOP_DB, "SELECT", "orders",
                "SELECT id, user_id, items, address_id FROM orders WHERE id = %s", t + dice.millis(0.2, 1), 1.5);
        t = calls.external(consumer, CARRIER, "POST", "/v2/labels", "/v2/labels", t, dice.latency(250), 201);
        t = query(consumer, SHOP_DB, "INSERT", "shipments",
                "INSERT INTO shipments (order_id, carrier, tracking_number) VALUES (%s, %s, %s)", t, 2.5);
        t = query(consumer, SHOP_DB, "UPDATE", "orders", "UPDATE orders SET status = 'shipping' WHERE id = %s", t, 2);
        consumer.end(t + dice.millis(0.2, 1));
    }

    // ---- databases

    /** A SQL statement, now and then a slow one (a lock wait, a plan gone wrong). */
    private long query(Draft caller, Database db, String operation, String table, String sql, long t,
            double medianMillis) {
        long duration = dice.chance(SLOW_QUERIES) ? dice.millis(250, 1500) : dice.latency(medianMillis);
        return calls.query(caller, db, operation, table, sql, t, duration);
    }
}
